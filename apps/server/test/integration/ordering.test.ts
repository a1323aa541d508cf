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

// Fast enough for 200 messages; the default pacing is tested elsewhere.
const FAST = {
  connectionRatePerSec: 1000,
  connectionBurst: 1000,
  ipRatePerSec: 10_000,
  ipBurst: 10_000,
};

describe('SDK on the real server: ordering', () => {
  it('[P-SEQ1] [P-ROOM2] 200 messages from two clients reach a third in seq order, gap-free, once each', async () => {
    server = await startTestServer({ limits: FAST });
    const room = 'ordering' as RoomId;
    const rate = { perSec: 500, burst: 500 };
    const [a, b, c] = [0, 1, 2].map(() => sdkClient(server!.url, { rate }));
    clients.push(a!, b!, c!);
    await admitAll(server.wsUrl, room, a!, b!, c!);
    for (const t of clients) {
      await t.client.join(room);
      t.client.connect();
    }
    await waitFor(() => clients.every((t) => t.client.state === 'online'), 'all clients online');

    await Promise.all([
      ...oneTo(100).map((i) => a!.client.send(room, text(`a-${i}`))),
      ...oneTo(100).map((i) => b!.client.send(room, text(`b-${i}`))),
    ]);
    await waitFor(() => c!.messages.length >= 200, '200 messages at the third client');
    await waitFor(() => a!.acks.length === 100 && b!.acks.length === 100, 'all acks');
    await waitFor(() => a!.messages.length >= 200, '200 messages at a sender');

    expect(seqsOf(c!.messages, room)).toEqual(afterAdmit(200));
    const bodies = c!.messages.map((m) => untext(m.payload));
    expect(new Set(bodies).size).toBe(200);
    // Each sender's own messages keep the order it sent them in.
    const fromA = bodies.filter((s) => s.startsWith('a-'));
    expect(fromA).toEqual(oneTo(100).map((i) => `a-${i}`));
    // Senders see the same sequence, including their own echoes, once each.
    expect(seqsOf(a!.messages, room)).toEqual(afterAdmit(200));
    expect(a!.client.pending()).toEqual([]);
    expect(await a!.store.outboxList()).toEqual([]);
    expect(await c!.store.getCursor(room)).toBe(201);
    expect(c!.errors).toEqual([]);
  });
});
