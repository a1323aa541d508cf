import { createIdentity } from '@yam/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { admit } from '../helpers/claim-room.ts';
import { b64, type Frame, TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

describe('profiles and typing on the wire', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const connect = async (identity = createIdentity(), room: string | null = 'room-1') => {
    const c = await TestClient.authenticated(server.wsUrl, identity);
    clients.push(c);
    if (room) await admit(server.wsUrl, room, c);
    if (room) await c.request({ t: 'sub', rid: 1, room });
    return c;
  };
  const set = (c: TestClient, rid: number, text: string, room = 'room-1') =>
    c.request({ t: 'profile.set', rid, room, data: b64(text) });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
  });

  it('[P-PROF2] a new or changed record is fanned out to the room; the same bytes are not', async () => {
    server = await startTestServer();
    const a = await connect();
    const b = await connect();
    expect(await set(b, 2, 'name=Bo')).toEqual({
      t: 'profile.stored',
      rid: 2,
      room: 'room-1',
      changed: true,
    });
    const update = await a.next((f) => f.t === 'profile');
    expect(update).toEqual({
      t: 'profile',
      room: 'room-1',
      clientId: b.ready.clientId,
      data: b64('name=Bo'),
    });
    expect(await set(b, 3, 'name=Bo')).toMatchObject({ t: 'profile.stored', changed: false });
    expect(await set(b, 4, 'name=Bob')).toMatchObject({ changed: true });
    const second = await a.next((f) => f.t === 'profile');
    expect(second.data).toBe(b64('name=Bob'));
    // Exactly two updates: the unchanged resend produced none. A message published after
    // the resends arrives after any fan-out they could have caused.
    await b.request({ t: 'pub', rid: 5, room: 'room-1', cmid: 'cmid-0001', payload: b64('x') });
    await a.next((f) => f.t === 'msg');
    expect(a.frames.filter((f) => f.t === 'profile')).toHaveLength(2);
  });

  it('[P-PROF3] profile.get answers the stored record, or null; it survives a restart', async () => {
    server = await startTestServer();
    const a = await connect();
    const bIdentity = createIdentity();
    const b = await connect(bIdentity);
    const none = await a.request({
      t: 'profile.get',
      rid: 7,
      room: 'room-1',
      clientId: b.ready.clientId,
    });
    expect(none).toEqual({
      t: 'profile',
      rid: 7,
      room: 'room-1',
      clientId: b.ready.clientId,
      data: null,
    });
    await set(b, 2, 'colour=#336699');
    // Kept per room: another room has no record for B.
    await admit(server.wsUrl, 'room-2', a);
    await a.request({ t: 'sub', rid: 8, room: 'room-2' });
    const other = await a.request({
      t: 'profile.get',
      rid: 9,
      room: 'room-2',
      clientId: b.ready.clientId,
    });
    expect(other.data).toBeNull();

    for (const c of clients.splice(0)) c.ws.terminate();
    const dataDir = server.dataDir;
    await server.close();
    server = await startTestServer({ dataDir });
    // The roster survived the restart too: A is still a member.
    const again = await connect(a.identity, null);
    await again.request({ t: 'sub', rid: 1, room: 'room-1' });
    const stored = await again.request({
      t: 'profile.get',
      rid: 3,
      room: 'room-1',
      clientId: b.ready.clientId,
    });
    expect(stored.data).toBe(b64('colour=#336699'));
  });

  it('[P-PROF1] a member not subscribed gets NOT_SUBSCRIBED; over 4 KiB gets PAYLOAD_TOO_LARGE', async () => {
    server = await startTestServer();
    const a = await connect(createIdentity(), null);
    await admit(server.wsUrl, 'room-1', a);
    const notSub = await set(a, 2, 'x');
    expect(notSub).toMatchObject({ t: 'error', rid: 2, code: 'NOT_SUBSCRIBED' });
    const get = await a.request({
      t: 'profile.get',
      rid: 3,
      room: 'room-1',
      clientId: a.ready.clientId,
    });
    expect(get).toMatchObject({ t: 'error', rid: 3, code: 'NOT_SUBSCRIBED' });
    await a.request({ t: 'sub', rid: 4, room: 'room-1' });
    const big = await a.request({
      t: 'profile.set',
      rid: 5,
      room: 'room-1',
      data: Buffer.alloc(4 * 1024 + 1, 7).toString('base64url'),
    });
    expect(big).toMatchObject({ t: 'error', rid: 5, code: 'PAYLOAD_TOO_LARGE' });
    const fits = await a.request({
      t: 'profile.set',
      rid: 6,
      room: 'room-1',
      data: Buffer.alloc(4 * 1024, 7).toString('base64url'),
    });
    expect(fits).toMatchObject({ t: 'profile.stored', changed: true });
  });

  it('[P-TYPE1] typing reaches the others but not the typist, and is rate-limited', async () => {
    server = await startTestServer();
    const a = await connect();
    const b = await connect();
    for (let i = 0; i < 12; i++) b.send({ t: 'typing', room: 'room-1', active: i % 2 === 0 });
    // A message sent after the burst is fanned out after every typing frame that passed.
    await b.request({ t: 'pub', rid: 2, room: 'room-1', cmid: 'cmid-0001', payload: b64('x') });
    await a.next((f) => f.t === 'msg');
    const typing = a.frames.filter((f: Frame) => f.t === 'typing');
    expect(typing[0]).toEqual({
      t: 'typing',
      room: 'room-1',
      clientId: b.ready.clientId,
      active: true,
    });
    // The burst is 5; a few more may refill during the test, never all 12.
    expect(typing.length).toBeGreaterThanOrEqual(5);
    expect(typing.length).toBeLessThan(12);
    await b.next((f) => f.t === 'msg');
    expect(b.frames.some((f) => f.t === 'typing')).toBe(false);
    expect(b.frames.some((f) => f.t === 'error')).toBe(false);
  });

  it('[P-PRES2] activity (away / back) reaches the others but not the sender', async () => {
    server = await startTestServer();
    const a = await connect();
    const b = await connect();
    b.send({ t: 'activity', room: 'room-1', away: true });
    const away = await a.next((f) => f.t === 'activity');
    expect(away).toEqual({ t: 'activity', room: 'room-1', clientId: b.ready.clientId, away: true });
    // A typing burst does not use up the activity allowance.
    for (let i = 0; i < 8; i++) b.send({ t: 'typing', room: 'room-1', active: true });
    b.send({ t: 'activity', room: 'room-1', away: false });
    const back = await a.next((f) => f.t === 'activity');
    expect(back.away).toBe(false);
    await b.request({ t: 'pub', rid: 2, room: 'room-1', cmid: 'cmid-0001', payload: b64('x') });
    await b.next((f) => f.t === 'msg');
    expect(b.frames.some((f) => f.t === 'activity')).toBe(false);
  });
});
