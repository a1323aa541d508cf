import type { RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import {
  admitAll,
  afterAdmit,
  oneTo,
  sdkClient,
  seqsOf,
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

async function online(...ts: TestSdkClient[]) {
  await waitFor(() => ts.every((t) => t.client.state === 'online'), 'clients online');
}

describe('SDK on the real server: rate limits', () => {
  it('[P-LIM4] the default pacing stays under the default server limit (60 messages, no RATE_LIMITED)', async () => {
    server = await startTestServer();
    const room = 'paced' as RoomId;
    const t = sdkClient(server.url);
    clients.push(t);
    await admitAll(server.wsUrl, room, t);
    await t.client.join(room);
    t.client.connect();
    await online(t);
    await Promise.all(oneTo(60).map((i) => t.client.send(room, text(`p-${i}`))));
    await waitFor(() => t.acks.length === 60, '60 acks');
    expect(t.errors).toEqual([]);
    expect(seqsOf(t.messages, room)).toEqual(afterAdmit(60));
  });

  it('[P-LIM4] a client that is rate limited waits retryAfterMs, reconnects and delivers everything once', async () => {
    server = await startTestServer({ limits: { connectionRatePerSec: 10, connectionBurst: 4 } });
    const room = 'limited' as RoomId;
    // A client paced far above the server's limit, to get itself disconnected.
    const greedy = sdkClient(server.url, { rate: { perSec: 1000, burst: 1000 } });
    const reader = sdkClient(server.url);
    clients.push(greedy, reader);
    await admitAll(server.wsUrl, room, greedy, reader);
    for (const t of clients) {
      await t.client.join(room);
      t.client.connect();
    }
    await online(greedy, reader);
    await Promise.all(oneTo(8).map((i) => greedy.client.send(room, text(`g-${i}`))));
    await waitFor(() => greedy.acks.length === 8, 'all 8 acked');
    await waitFor(() => reader.messages.length === 8, 'the reader got 8');
    const limited = greedy.errors.find((e) => e.code === 'RATE_LIMITED');
    expect(limited?.retryAfterMs).toBeGreaterThan(0);
    expect(seqsOf(reader.messages, room)).toEqual(afterAdmit(8));
    expect(new Set(reader.messages.map((m) => untext(m.payload))).size).toBe(8);
  });
});
