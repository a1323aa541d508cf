import type { ProfileInfo, TypingInfo } from '@yam/client';
import { decryptAttachment, encryptAttachment } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import {
  admitAll,
  controlledWebSocket,
  sdkClient,
  type TestSdkClient,
  text,
  untext,
  waitFor,
} from './sdk-harness.ts';

const room = 'profile-room' as RoomId;

describe('SDK: profiles and typing', () => {
  let server: TestServer;
  const open: TestSdkClient[] = [];
  const client = (options: Parameters<typeof sdkClient>[1] = {}) => {
    const c = sdkClient(server.url, options);
    open.push(c);
    const profiles: ProfileInfo[] = [];
    const typing: TypingInfo[] = [];
    c.client.on('profile', (p) => profiles.push(p));
    c.client.on('typing', (t) => typing.push(t));
    return Object.assign(c, { profiles, typing });
  };
  const profileFrom = (list: ProfileInfo[], from: string) =>
    list.filter((p) => p.clientId === from).map((p) => (p.data ? untext(p.data) : null));
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.client.close()));
    await server?.stop();
  });

  it('[P-PROF2] a profile set before connecting is sent on subscribe and reaches the others', async () => {
    server = await startTestServer();
    const a = client();
    const b = client();
    await admitAll(wsOf(server.url), room, a, b);
    a.client.connect();
    await a.client.join(room);
    // Offline: remembered, sent once subscribed.
    expect(await b.client.presence.setProfile(room, text('{"name":"Bo"}'))).toBe(false);
    b.client.connect();
    await b.client.join(room);
    await waitFor(
      () => profileFrom(a.profiles, b.client.clientId).includes('{"name":"Bo"}'),
      'A learns B',
    );
    expect(await b.client.presence.setProfile(room, text('{"name":"Bob"}'))).toBe(true);
    await waitFor(
      () => profileFrom(a.profiles, b.client.clientId).includes('{"name":"Bob"}'),
      'update',
    );
    expect(untext((await a.client.presence.getProfile(room, b.client.clientId))!)).toBe(
      '{"name":"Bob"}',
    );
  });

  it('[P-PROF3] an author first met in history is looked up once; again after a reconnect', async () => {
    server = await startTestServer();
    const b = client();
    await admitAll(wsOf(server.url), room, b);
    b.client.connect();
    await b.client.join(room);
    await b.client.presence.setProfile(room, text('B1'));
    await b.client.send(room, text('hello'));
    await b.client.send(room, text('again'));
    await waitFor(() => b.acks.length === 2, 'acks');

    const ws = controlledWebSocket();
    const a = client({ WebSocket: ws.WebSocket });
    await admitAll(wsOf(server.url), room, a);
    a.client.connect();
    await a.client.join(room);
    await waitFor(() => a.messages.length === 2, 'history');
    await waitFor(() => profileFrom(a.profiles, b.client.clientId).length > 0, 'lookup');
    // One lookup per author per session, though B is both a member and the author of two messages.
    // (The raw owner connection that admitted the clients is an author in history too.)
    const gets = () =>
      ws
        .framesSent(ws.sockets.length - 1)
        .filter(
          (f) =>
            f.t === 'profile.get' && (f as { clientId?: string }).clientId === b.client.clientId,
        );
    expect(gets()).toHaveLength(1);
    expect(profileFrom(a.profiles, b.client.clientId)).toEqual(['B1']);

    // A new connection starts with an empty cache: B is looked up again.
    ws.kill();
    await waitFor(() => ws.sockets.length === 2 && a.client.state === 'online', 'reconnected');
    await waitFor(() => gets().length === 1, 'second lookup');
    await waitFor(() => profileFrom(a.profiles, b.client.clientId).length === 2, 'second answer');
    expect(profileFrom(a.profiles, b.client.clientId)).toEqual(['B1', 'B1']);
  });

  it('[P-TYPE1] setTyping reaches the other members as typing events', async () => {
    server = await startTestServer();
    const a = client();
    const b = client();
    await admitAll(wsOf(server.url), room, a, b);
    a.client.connect();
    b.client.connect();
    await a.client.join(room);
    await b.client.join(room);
    b.client.presence.setTyping(room, true);
    await waitFor(() => a.typing.length === 1, 'typing on');
    expect(a.typing[0]).toEqual({ room, clientId: b.client.clientId, active: true });
    b.client.presence.setTyping(room, false);
    await waitFor(() => a.typing.length === 2, 'typing off');
    expect(a.typing[1]?.active).toBe(false);
    expect(b.typing).toEqual([]);
  });

  it('[P-PROF3] meet() before the subscription looks the author up once subscribed', async () => {
    server = await startTestServer();
    const b = client();
    await admitAll(wsOf(server.url), room, b);
    b.client.connect();
    await b.client.join(room);
    await b.client.presence.setProfile(room, text('B-profile'));
    await b.client.close();
    const a = client();
    await admitAll(wsOf(server.url), room, a);
    // As the web app does for messages it shows from its own store, before connecting.
    a.client.presence.meet(room, b.client.clientId);
    a.client.connect();
    await a.client.join(room);
    await waitFor(() => profileFrom(a.profiles, b.client.clientId).length === 1, 'lookup');
    expect(profileFrom(a.profiles, b.client.clientId)).toEqual(['B-profile']);
  });

  it('[P-BLOB1] [P-BLOB2] [P-BLOB3] an encrypted avatar goes up with an upload grant and comes back intact', async () => {
    server = await startTestServer();
    const a = client();
    const b = client();
    a.client.connect();
    b.client.connect();
    await a.client.join(room);
    await b.client.join(room);
    const image = new Uint8Array(5000).map((_, i) => (i * 7) % 256);
    const encrypted = await encryptAttachment(image);
    const stored = await a.client.media.uploadBlob(encrypted.ciphertext);
    expect(stored.hash).toBe(Buffer.from(encrypted.hash).toString('base64url'));
    const downloaded = await b.client.media.downloadBlob(stored.hash);
    // The server kept ciphertext only; the key travels in the profile record.
    expect(Buffer.from(downloaded).includes(Buffer.from(image.subarray(0, 64)))).toBe(false);
    expect(await decryptAttachment(downloaded, encrypted)).toEqual(image);
  });
});

const wsOf = (url: string) => new URL('/ws', url).href.replace(/^http/, 'ws');
