import { createIdentity } from '@yam/crypto';
import { MAX_SIGNAL_BYTES, SIGNAL_RATE } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { admit } from '../helpers/claim-room.ts';
import { b64, TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

describe('WebRTC signalling relay', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const connect = async (identity = createIdentity(), rooms: string[] = ['room-1']) => {
    const c = await TestClient.authenticated(server.wsUrl, identity);
    clients.push(c);
    let rid = 100;
    for (const room of rooms) {
      await admit(server.wsUrl, room, c);
      await c.request({ t: 'sub', rid: rid++, room });
    }
    return c;
  };
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
  });

  it('[P-SIG1] [P-SIG3] a signal reaches only the connections of `to` subscribed to the room', async () => {
    server = await startTestServer();
    const a = await connect();
    const bIdentity = createIdentity();
    const b1 = await connect(bIdentity, ['room-1']);
    const b2 = await connect(bIdentity, ['room-2']);
    const c = await connect();
    a.send({ t: 'signal', room: 'room-1', to: b1.ready.clientId, data: b64('offer') });
    const got = await b1.next((f) => f.t === 'signal');
    expect(got).toEqual({
      t: 'signal',
      room: 'room-1',
      from: a.ready.clientId,
      data: b64('offer'),
    });
    // A later signal to C proves the earlier one had time to reach everyone it would reach.
    a.send({ t: 'signal', room: 'room-1', to: c.ready.clientId, data: b64('x') });
    await c.next((f) => f.t === 'signal');
    b2.send({ t: 'signal', rid: 9, room: 'room-2', to: b2.ready.clientId, data: b64('self') });
    await b2.next((f) => f.t === 'signal' && f.room === 'room-2');
    expect(b2.frames.filter((f) => f.t === 'signal' && f.room === 'room-1')).toEqual([]);
    expect(c.frames.filter((f) => f.t === 'signal' && f.data === b64('offer'))).toEqual([]);
    expect(a.frames.filter((f) => f.t === 'signal')).toEqual([]);
  });

  it('[P-SIG1] [P-MEM2] a non-member sender gets NOT_MEMBER, an absent recipient NOT_FOUND', async () => {
    server = await startTestServer();
    const a = await connect();
    const b = await connect(createIdentity(), ['room-2']);
    const notSub = await a.request({
      t: 'signal',
      rid: 1,
      room: 'room-2',
      to: b.ready.clientId,
      data: b64('x'),
    });
    expect(notSub).toMatchObject({ t: 'error', rid: 1, code: 'NOT_MEMBER' });
    const absent = await a.request({
      t: 'signal',
      rid: 2,
      room: 'room-1',
      to: b.ready.clientId,
      data: b64('x'),
    });
    expect(absent).toMatchObject({ t: 'error', rid: 2, code: 'NOT_FOUND' });
    // After unsubscribing, B's connection is no longer reachable in that room.
    await admit(server.wsUrl, 'room-1', b);
    await b.request({ t: 'sub', rid: 3, room: 'room-1' });
    await b.request({ t: 'unsub', rid: 4, room: 'room-1' });
    const gone = await a.request({
      t: 'signal',
      rid: 5,
      room: 'room-1',
      to: b.ready.clientId,
      data: b64('x'),
    });
    expect(gone).toMatchObject({ t: 'error', rid: 5, code: 'NOT_FOUND' });
    expect(b.frames.filter((f) => f.t === 'signal')).toEqual([]);
  });

  it('[P-SIG2] data over 16 KiB is refused as PAYLOAD_TOO_LARGE and not relayed', async () => {
    server = await startTestServer();
    const a = await connect();
    const b = await connect();
    const big = Buffer.alloc(MAX_SIGNAL_BYTES + 1, 7).toString('base64url');
    const reply = await a.request({
      t: 'signal',
      rid: 1,
      room: 'room-1',
      to: b.ready.clientId,
      data: big,
    });
    expect(reply).toMatchObject({ t: 'error', code: 'PAYLOAD_TOO_LARGE' });
    const max = Buffer.alloc(MAX_SIGNAL_BYTES, 7).toString('base64url');
    a.send({ t: 'signal', room: 'room-1', to: b.ready.clientId, data: max });
    expect((await b.next((f) => f.t === 'signal')).data).toBe(max);
    expect(b.frames.filter((f) => f.t === 'signal')).toHaveLength(1);
  });

  it('[P-SIG4] beyond the burst a signal is dropped with a non-fatal RATE_LIMITED', async () => {
    server = await startTestServer({
      limits: {
        connectionRatePerSec: 1000,
        connectionBurst: 1000,
        ipRatePerSec: 1000,
        ipBurst: 1000,
      },
    });
    const a = await connect();
    const b = await connect();
    // Three bursts' worth: the bucket refills at perSec, so a slow (loaded) machine that
    // takes a few seconds to process the frames still runs out of tokens.
    const total = SIGNAL_RATE.burst * 3;
    for (let i = 0; i < total; i++) {
      a.send({ t: 'signal', rid: i + 1, room: 'room-1', to: b.ready.clientId, data: b64(`s${i}`) });
    }
    const limited = await a.next((f) => f.t === 'error' && f.code === 'RATE_LIMITED');
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    // The connection stays usable.
    const hist = await a.request({ t: 'hist', rid: 5000, room: 'room-1' });
    expect(hist.t).toBe('history');
    await b.next((f) => f.t === 'signal' && f.data === b64(`s${SIGNAL_RATE.burst - 1}`));
    expect(b.frames.filter((f) => f.t === 'signal').length).toBeLessThan(total);
  });
});
