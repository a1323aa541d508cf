import type { RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import {
  admitAll,
  afterAdmit,
  controlledWebSocket,
  oneTo,
  sdkClient,
  seqsOf,
  type TestSdkClient,
  text,
  waitFor,
} from './sdk-harness.ts';

let server: TestServer | undefined;
const clients: TestSdkClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.client.close()));
  await server?.stop();
  server = undefined;
});

describe('SDK on the real server: reconnect', () => {
  it('[P-HIST1] no gaps after reconnect: a client that missed 50 messages gets each exactly once, in order', async () => {
    server = await startTestServer({
      limits: {
        connectionRatePerSec: 1000,
        connectionBurst: 1000,
        ipRatePerSec: 10_000,
        ipBurst: 10_000,
      },
    });
    const room = 'reconnect' as RoomId;
    const sockets = controlledWebSocket();
    const sender = sdkClient(server.url, { rate: { perSec: 500, burst: 500 } });
    const reader = sdkClient(server.url, { WebSocket: sockets.WebSocket });
    clients.push(sender, reader);
    await admitAll(server.wsUrl, room, sender, reader);
    for (const t of clients) {
      await t.client.join(room);
      t.client.connect();
    }
    await waitFor(() => clients.every((t) => t.client.state === 'online'), 'both online');
    for (const i of oneTo(10)) await sender.client.send(room, text(`before-${i}`));
    await waitFor(() => reader.messages.length === 10, 'the first 10 messages');

    sockets.block(true);
    sockets.kill();
    await waitFor(() => reader.client.state === 'offline', 'the reader offline');
    for (const i of oneTo(50)) await sender.client.send(room, text(`missed-${i}`));
    await waitFor(() => sender.acks.length === 60, 'the sender acked');
    expect(reader.messages).toHaveLength(10);

    sockets.block(false);
    await waitFor(() => reader.messages.length >= 60, 'the reader caught up');
    await waitFor(() => reader.client.state === 'online', 'the reader online again');
    expect(seqsOf(reader.messages, room)).toEqual(afterAdmit(60));
    expect(await reader.store.getCursor(room)).toBe(61);
    expect((await reader.store.getMessages(room, { limit: 100 })).map((m) => m.seq)).toEqual(
      oneTo(61),
    );
    // Live messages after the reconnect continue the sequence.
    await sender.client.send(room, text('after'));
    await waitFor(() => reader.messages.length === 61, 'a live message after the reconnect');
    expect(seqsOf(reader.messages, room)).toEqual(afterAdmit(61));
  });

  it('[P-AUTH5] a reconnect signs a fresh challenge and offers no bearer token', async () => {
    server = await startTestServer();
    const sockets = controlledWebSocket();
    const t = sdkClient(server.url, { WebSocket: sockets.WebSocket });
    clients.push(t);
    t.client.connect();
    await waitFor(() => t.client.state === 'online', 'online');
    expect(sockets.framesSent(0).map((f) => f.t)).toContain('auth');
    expect(sockets.sockets[0]!.protocol).toBe('yam.v1');

    sockets.kill();
    await waitFor(
      () => sockets.sockets.length === 2 && t.client.state === 'online',
      'online again',
    );
    // A new signature over the new connection's nonce; nothing but yam.v1 was offered.
    const authOf = (i: number) =>
      sockets.framesSent(i).find((f) => f.t === 'auth') as { signature: string } | undefined;
    expect(authOf(1)?.signature).toBeDefined();
    expect(authOf(1)?.signature).not.toBe(authOf(0)?.signature);
    expect(sockets.sockets[1]!.protocol).toBe('yam.v1');
  });
});
