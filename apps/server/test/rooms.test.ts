import { createIdentity } from '@yam/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { claimRoom } from './helpers/claim-room.ts';
import { b64, type Frame, TestClient } from './helpers/test-client.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

describe('rooms, publishing and history', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const connect = async (identity = createIdentity()) => {
    const c = await TestClient.authenticated(server.wsUrl, identity);
    clients.push(c);
    return c;
  };
  const pub = (c: TestClient, rid: number, cmid: string, text = cmid, room = 'room-1') =>
    c.request({ t: 'pub', rid, room, cmid, payload: b64(text) });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
  });

  it('[P-ROOM1] subscribed gives head and the online members, caller included', async () => {
    server = await startTestServer();
    const a = await connect();
    const b = await connect();
    await claimRoom(a, 'room-1', [b]); // seq 1
    await a.request({ t: 'sub', rid: 1, room: 'room-1' });
    await pub(a, 2, 'cmid-0001');
    await pub(a, 3, 'cmid-0002');
    const subscribed = await b.request({ t: 'sub', rid: 9, room: 'room-1' });
    expect(subscribed).toMatchObject({ t: 'subscribed', rid: 9, room: 'room-1', head: 3 });
    expect([...subscribed.members].sort()).toEqual([a.ready.clientId, b.ready.clientId].sort());
    await claimRoom(b, 'room-2');
    const own = await b.request({ t: 'sub', rid: 10, room: 'room-2' });
    expect(own).toMatchObject({ head: 1, members: [b.ready.clientId] });
  });

  it('[P-ROOM3] presence: online at the first connection of a client, offline after its last', async () => {
    server = await startTestServer();
    const a = await connect();
    const bIdentity = createIdentity();
    const b1 = await connect(bIdentity);
    await claimRoom(a, 'room-1', [b1]);
    await a.request({ t: 'sub', rid: 1, room: 'room-1' });
    await b1.request({ t: 'sub', rid: 1, room: 'room-1' });
    const b2 = await connect(bIdentity);
    await b2.request({ t: 'sub', rid: 1, room: 'room-1' });
    await b1.close();
    await b2.request({ t: 'unsub', rid: 2, room: 'room-1' });
    const offline = await a.next((f) => f.t === 'presence' && f.state === 'offline');
    expect(offline).toEqual({
      t: 'presence',
      room: 'room-1',
      clientId: b1.ready.clientId,
      state: 'offline',
    });
    // The second connection and the first one's close changed nothing: still one client.
    expect(a.frames.filter((f) => f.t === 'presence').map((f) => f.state)).toEqual([
      'online',
      'offline',
    ]);
    expect(b1.frames.some((f) => f.t === 'presence')).toBe(false);
  });

  it('[P-ROOM2] a message reaches every connection of the sender and of others; ack first', async () => {
    server = await startTestServer();
    const aIdentity = createIdentity();
    const a1 = await connect(aIdentity);
    const a2 = await connect(aIdentity);
    const b = await connect();
    await claimRoom(a1, 'room-1', [b]);
    for (const c of [a1, a2, b]) await c.request({ t: 'sub', rid: 1, room: 'room-1' });
    const ack = await pub(a1, 2, 'cmid-0001', 'hello');
    expect(ack).toMatchObject({
      t: 'ack',
      rid: 2,
      room: 'room-1',
      cmid: 'cmid-0001',
      seq: 2,
      duplicate: false,
    });
    const expected = {
      t: 'msg',
      room: 'room-1',
      seq: 2,
      from: a1.ready.clientId,
      cmid: 'cmid-0001',
      ts: ack.ts,
      payload: b64('hello'),
    };
    for (const c of [a1, a2, b]) expect(await c.next((f) => f.t === 'msg')).toEqual(expected);
    const order = a1.frames
      .filter((f) => (f.t === 'ack' || f.t === 'msg') && f.cmid === 'cmid-0001')
      .map((f) => f.t);
    expect(order).toEqual(['ack', 'msg']);
  });

  it('[P-MSG2] a member publishing or reading history without a subscription gets NOT_SUBSCRIBED', async () => {
    server = await startTestServer();
    const a = await connect();
    await claimRoom(a, 'room-1');
    expect(await pub(a, 1, 'cmid-0001')).toMatchObject({
      t: 'error',
      rid: 1,
      code: 'NOT_SUBSCRIBED',
    });
    expect(await a.request({ t: 'hist', rid: 2, room: 'room-1' })).toMatchObject({
      code: 'NOT_SUBSCRIBED',
    });
    await a.request({ t: 'sub', rid: 3, room: 'room-1' });
    await a.request({ t: 'unsub', rid: 4, room: 'room-1' });
    expect(await pub(a, 5, 'cmid-0001')).toMatchObject({ code: 'NOT_SUBSCRIBED' });
  });

  it('[P-MSG4] a resend with the same cmid is acked with the original seq and not fanned out', async () => {
    server = await startTestServer();
    const a = await connect();
    const b = await connect();
    await claimRoom(a, 'room-1', [b]); // seq 1
    for (const c of [a, b]) await c.request({ t: 'sub', rid: 1, room: 'room-1' });
    const first = await pub(a, 2, 'cmid-0001', 'one');
    const again = await pub(a, 3, 'cmid-0001', 'one');
    expect(again).toMatchObject({ seq: first.seq, ts: first.ts, duplicate: true });
    // Another client may use the same cmid: that is a new message.
    expect(await pub(b, 4, 'cmid-0001', 'two')).toMatchObject({ seq: 3, duplicate: false });
    await b.next((f) => f.t === 'msg' && f.seq === 3);
    expect(b.frames.filter((f) => f.t === 'msg').map((f: Frame) => f.seq)).toEqual([2, 3]);
  });

  it('[P-SEQ1] [P-MSG3] pipelined publishes get gap-free seqs, each acked', async () => {
    server = await startTestServer();
    const a = await connect();
    await claimRoom(a, 'room-1'); // seq 1
    await a.request({ t: 'sub', rid: 0, room: 'room-1' });
    for (let i = 1; i <= 30; i++)
      a.send({ t: 'pub', rid: i, room: 'room-1', cmid: `cmid-${1000 + i}`, payload: b64(`m${i}`) });
    const acks = [];
    for (let i = 1; i <= 30; i++) acks.push(await a.next((f) => f.t === 'ack' && f.rid === i));
    expect(acks.map((f) => f.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
  });

  it('[P-HIST1] [P-HIST2] history pages after, before and newest', async () => {
    server = await startTestServer();
    const a = await connect();
    await claimRoom(a, 'room-1'); // seq 1
    await a.request({ t: 'sub', rid: 0, room: 'room-1' });
    for (let i = 2; i <= 6; i++) await pub(a, i, `cmid-000${i}`, `m${i}`);
    const seqs = (f: Frame) => f.messages.map((m: Frame) => m.seq);
    const after = await a.request({ t: 'hist', rid: 10, room: 'room-1', after: 3, limit: 2 });
    expect([seqs(after), after.hasMore]).toEqual([[4, 5], true]);
    expect(after.messages[0]).toMatchObject({
      from: a.ready.clientId,
      cmid: 'cmid-0004',
      payload: b64('m4'),
    });
    const before = await a.request({ t: 'hist', rid: 11, room: 'room-1', before: 3 });
    expect([seqs(before), before.hasMore]).toEqual([[1, 2], false]);
    const newest = await a.request({ t: 'hist', rid: 12, room: 'room-1', limit: 3 });
    expect([seqs(newest), newest.hasMore]).toEqual([[4, 5, 6], true]);
    const tooMany = await a.request({ t: 'hist', rid: 13, room: 'room-1', limit: 201 });
    expect(tooMany.code).toBe('BAD_FRAME');
  });
});
