import { createIdentity } from '@yam/crypto';
import { type ClientMsgId, type RoomId, toBase64Url } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { admit, claimRoom } from '../helpers/claim-room.ts';
import { TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import {
  controlledWebSocket,
  sdkClient,
  type TestSdkClient,
  text,
  untext,
  waitFor,
} from './sdk-harness.ts';

let server: TestServer | undefined;
const clients: TestSdkClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.client.close()));
  await server?.stop();
  server = undefined;
});

describe('SDK on the real server: idempotent resend', () => {
  it('[P-MSG4] a client restarted before processing the ack resends the same cmid: one message, same seq', async () => {
    server = await startTestServer();
    const room = 'resend' as RoomId;
    const identity = createIdentity();
    const first = sdkClient(server.url, { identity });
    clients.push(first);
    const readerIdentity = createIdentity();
    await admit(`${server.url.replace('http', 'ws')}/ws`, room, identity, readerIdentity);
    await first.client.join(room);
    first.client.connect();
    await waitFor(() => first.client.state === 'online', 'online');
    await first.client.send(room, text('once'));
    const item = await first.client.send(room, text('only once'));
    await waitFor(() => first.acks.length === 2 && first.messages.length === 2, 'acks and echoes');
    const seq = first.acks.find((a) => a.cmid === item.cmid)!.seq;
    await first.client.close();

    // As if the process died between the server's ack and deleting the outbox item.
    await first.store.outboxPut(item);
    const sockets = controlledWebSocket();
    const second = sdkClient(server.url, {
      identity,
      store: first.store,
      WebSocket: sockets.WebSocket,
    });
    clients.push(second);
    second.client.connect();
    await waitFor(() => second.acks.length === 1, 'the resend acked');
    // It really went out again (catch-up had nothing new to settle it with).
    expect(sockets.framesSent(0).filter((f) => f.t === 'pub')).toHaveLength(1);
    expect(second.acks[0]).toMatchObject({ cmid: item.cmid, seq });
    expect(await second.store.outboxList()).toEqual([]);

    const reader = sdkClient(server.url, { identity: readerIdentity });
    clients.push(reader);
    reader.client.connect();
    await reader.client.join(room);
    await waitFor(() => reader.client.state === 'online', 'reader online');
    const page = await reader.client.history(room, { before: Number.MAX_SAFE_INTEGER, limit: 10 });
    const texts = page.messages.filter((m) => m.kind !== 'commit').map((m) => untext(m.payload));
    expect(texts).toEqual(['once', 'only once']);
    expect(page.messages.filter((m) => m.cmid === item.cmid)).toHaveLength(1);
  });

  it('[P-MSG4] the same pub frame sent twice is stored once and acked twice with one seq', async () => {
    server = await startTestServer();
    const raw = await TestClient.authenticated(`${server.url.replace('http', 'ws')}/ws`);
    await claimRoom(raw, 'raw-resend');
    raw.send({ t: 'sub', rid: 1, room: 'raw-resend' });
    await raw.next((f) => f.t === 'subscribed');
    const pub = {
      t: 'pub',
      room: 'raw-resend',
      cmid: 'same-cmid-123' as ClientMsgId,
      payload: toBase64Url(text('x')),
    };
    raw.send({ ...pub, rid: 2 });
    raw.send({ ...pub, rid: 3 });
    const first = await raw.next((f) => f.t === 'ack' && f.rid === 2);
    const second = await raw.next((f) => f.t === 'ack' && f.rid === 3);
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    expect(second.seq).toBe(first.seq);
    raw.send({ t: 'hist', rid: 4, room: 'raw-resend' });
    const hist = await raw.next((f) => f.t === 'history');
    expect(hist.messages.filter((m: { kind?: string }) => m.kind !== 'commit')).toHaveLength(1);
    raw.ws.close();
  });
});
