import { afterEach, describe, expect, it } from 'vitest';
import { claimRoom } from './helpers/claim-room.ts';
import { b64, type Frame, TestClient } from './helpers/test-client.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

/** Limits out of the way: these tests send bursts on purpose. */
const UNLIMITED = {
  connectionRatePerSec: 1_000_000,
  connectionBurst: 1_000_000,
  ipRatePerSec: 1_000_000,
  ipBurst: 1_000_000,
  connectionBytesPerSec: 1e9,
  connectionBurstBytes: 1e9,
  ipBytesPerSec: 1e9,
  ipBurstBytes: 1e9,
};

let server: TestServer | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await server?.stop();
  server = undefined;
});

async function connect(url: string) {
  const client = await TestClient.authenticated(url);
  clients.push(client);
  return client;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 3000 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

const msgs = (c: TestClient) => c.frames.filter((f) => f.t === 'msg' && f.room === 'burst');

describe('write batching on the relay (limits.writeDelayMs)', () => {
  for (const writeDelayMs of [0, 5, -1]) {
    it(`[P-ROOM2] a burst arrives whole and in order (writeDelayMs ${writeDelayMs})`, async () => {
      server = await startTestServer({ limits: { ...UNLIMITED, writeDelayMs } });
      const a = await connect(server.wsUrl);
      const b = await connect(server.wsUrl);
      const claim = await claimRoom(a, 'burst', [b]);
      await a.request({ t: 'sub', rid: 1, room: 'burst' });
      await b.request({ t: 'sub', rid: 1, room: 'burst' });
      // 300 publishes in one synchronous loop: they land in few event-loop turns.
      const count = 300;
      for (let i = 0; i < count; i++) {
        const cmid = `burst-${String(i).padStart(4, '0')}`;
        a.send({ t: 'pub', rid: 100 + i, room: 'burst', cmid, payload: b64(`body ${i} é`) });
      }
      await until(() => msgs(b).length === count && msgs(a).length === count, 'all messages');
      await until(() => a.frames.filter((f) => f.t === 'ack').length > count, 'all acks');
      const first = Number(claim.seq) + 1;
      for (const reader of [a, b]) {
        const got = msgs(reader);
        expect(got.map((f: Frame) => f.seq)).toEqual(got.map((_, i) => first + i));
        expect(got.map((f: Frame) => Buffer.from(f.payload, 'base64url').toString())).toEqual(
          got.map((_, i) => `body ${i} é`),
        );
      }
      const acks = a.frames.filter((f) => f.t === 'ack' && f.rid >= 100 && f.rid < 100 + count);
      expect(acks.map((f) => f.rid)).toEqual(acks.map((_, i) => 100 + i));
      expect(acks.map((f) => f.seq)).toEqual(acks.map((_, i) => first + i));
    });
  }

  it('a reader that stops reading is still dropped at the buffered-bytes limit', async () => {
    server = await startTestServer({ limits: UNLIMITED });
    const a = await connect(server.wsUrl);
    const slow = await connect(server.wsUrl);
    await claimRoom(a, 'burst', [slow]);
    await a.request({ t: 'sub', rid: 1, room: 'burst' });
    await slow.request({ t: 'sub', rid: 1, room: 'burst' });
    const socket = (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    // 160 x 96 KB = 15 MB: more than the 8 MB limit plus what the kernel buffers take.
    const payload = b64('x'.repeat(96 * 1024));
    const count = 160;
    for (let i = 0; i < count; i++) {
      const cmid = `slow-${String(i).padStart(4, '0')}`;
      a.send({ t: 'pub', rid: 100 + i, room: 'burst', cmid, payload });
    }
    await until(() => a.frames.filter((f) => f.t === 'ack').length > count, 'all acks');
    await until(() => msgs(a).length === count, 'the fast reader gets everything');
    socket.resume();
    const closed = await slow.closed;
    expect(closed.code).toBe(1006);
    expect(msgs(slow).length).toBeLessThan(count);
    // The fast reader is not affected.
    expect(msgs(a).map((f: Frame) => f.cmid)).toEqual(
      msgs(a).map((_, i) => `slow-${String(i).padStart(4, '0')}`),
    );
  });
});
