import { createIdentity } from '@yam/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerOptions } from '../../src/index.ts';
import { claimRoom } from '../helpers/claim-room.ts';
import { b64, type Frame, TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

describe('MLS delivery service: KeyPackages and join requests', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const start = async (options: ServerOptions = {}) => {
    server = await startTestServer(options);
  };
  const connect = async (identity = createIdentity()) => {
    const c = await TestClient.authenticated(server.wsUrl, identity);
    clients.push(c);
    return c;
  };
  const kps = (n: number, prefix = 'kp') =>
    Array.from({ length: n }, (_, i) => b64(`${prefix}-${i}`));
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
  });

  it('[P-DS2] a KeyPackage is claimed once, oldest first, then null', async () => {
    await start();
    const owner = await connect();
    const other = await connect();
    expect(await owner.request({ t: 'kp.put', rid: 1, keyPackages: kps(2) })).toEqual({
      t: 'kp.stored',
      rid: 1,
      count: 2,
      lastResort: false,
    });
    const claim = (rid: number) =>
      other.request({ t: 'kp.claim', rid, clientId: owner.ready.clientId });
    expect((await claim(1)).keyPackage).toBe(b64('kp-0'));
    expect((await claim(2)).keyPackage).toBe(b64('kp-1'));
    expect(await claim(3)).toMatchObject({
      t: 'kp.claimed',
      clientId: owner.ready.clientId,
      keyPackage: null,
    });
    expect((await owner.request({ t: 'kp.put', rid: 2, keyPackages: [] })).count).toBe(0);
  });

  it('[P-DS2] caps: per client, per frame and per KeyPackage size are typed errors', async () => {
    await start({ limits: { maxKeyPackagesPerClient: 3 } });
    const c = await connect();
    expect((await c.request({ t: 'kp.put', rid: 1, keyPackages: kps(2) })).count).toBe(2);
    expect(await c.request({ t: 'kp.put', rid: 2, keyPackages: kps(2, 'more') })).toMatchObject({
      t: 'error',
      code: 'QUOTA_EXCEEDED',
    });
    expect((await c.request({ t: 'kp.put', rid: 3, keyPackages: [] })).count).toBe(2);
    expect(await c.request({ t: 'kp.put', rid: 4, keyPackages: kps(51) })).toMatchObject({
      code: 'BAD_FRAME',
    });
    const huge = Buffer.alloc(16 * 1024 + 1, 1).toString('base64url');
    expect(await c.request({ t: 'kp.put', rid: 5, keyPackages: [huge] })).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(await c.request({ t: 'kp.claim', rid: 6, clientId: 'not-a-client' })).toMatchObject({
      code: 'BAD_FRAME',
    });
  });

  it('[P-DS2] claims are rate-limited per client without closing the connection', async () => {
    await start({ limits: { keyPackageClaimBurst: 2, keyPackageClaimRatePerSec: 0.001 } });
    const owner = await connect();
    await owner.request({ t: 'kp.put', rid: 1, keyPackages: kps(5) });
    const thief = createIdentity();
    const t1 = await connect(thief);
    const t2 = await connect(thief); // a second connection shares the client's bucket
    const claim = (c: TestClient, rid: number) =>
      c.request({ t: 'kp.claim', rid, clientId: owner.ready.clientId });
    expect((await claim(t1, 1)).t).toBe('kp.claimed');
    expect((await claim(t2, 1)).t).toBe('kp.claimed');
    const limited = await claim(t1, 2);
    expect(limited).toMatchObject({ t: 'error', code: 'QUOTA_EXCEEDED' });
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    expect((await owner.request({ t: 'kp.put', rid: 2, keyPackages: [] })).count).toBe(3);
    expect((await t1.request({ t: 'kp.put', rid: 3, keyPackages: [] })).t).toBe('kp.stored');
  });

  it('[P-DS5] [P-DS6] a join request waits for a member to come online, then is settled', async () => {
    await start();
    const joiner = await connect();
    const queued = await joiner.request({
      t: 'join.req',
      rid: 1,
      room: 'room-1',
      keyPackage: b64('jkp'),
      mac: b64('mac'),
      info: b64('info'),
    });
    expect(queued).toMatchObject({ t: 'join.queued', room: 'room-1' });
    const member = await connect();
    const later = await connect();
    await claimRoom(member, 'room-1', [later]);
    await member.request({ t: 'sub', rid: 1, room: 'room-1' });
    const request = await member.next((f) => f.t === 'joinRequest');
    expect(request).toMatchObject({
      id: queued.id,
      room: 'room-1',
      from: joiner.ready.clientId,
      keyPackage: b64('jkp'),
      mac: b64('mac'),
      info: b64('info'),
    });
    const done = { t: 'join.done', room: 'room-1', id: queued.id, outcome: 'added' };
    expect(await member.request({ ...done, rid: 2 })).toMatchObject({ t: 'join.resolved' });
    expect(await joiner.next((f) => f.t === 'joinResult')).toEqual({
      t: 'joinResult',
      room: 'room-1',
      id: queued.id,
      outcome: 'added',
    });
    expect(await member.request({ ...done, rid: 3 })).toMatchObject({ code: 'NOT_FOUND' });
    await later.request({ t: 'sub', rid: 1, room: 'room-1' });
    await later.request({ t: 'kp.put', rid: 2, keyPackages: [] });
    expect(later.frames.some((f) => f.t === 'joinRequest')).toBe(false);
  });

  it('[P-DS5] online members get the request live; others in the room learn the outcome', async () => {
    await start();
    const m1 = await connect();
    const m2 = await connect();
    await claimRoom(m1, 'room-1', [m2]);
    await m1.request({ t: 'sub', rid: 1, room: 'room-1' });
    await m2.request({ t: 'sub', rid: 1, room: 'room-1' });
    const joiner = await connect();
    const queued = await joiner.request({
      t: 'join.req',
      rid: 1,
      room: 'room-1',
      keyPackage: b64('k'),
    });
    const [r1, r2] = await Promise.all([m1, m2].map((m) => m.next((f) => f.t === 'joinRequest')));
    expect([r1!.id, r2!.id]).toEqual([queued.id, queued.id]);
    expect(r1!.mac).toBeUndefined();
    await m1.request({ t: 'join.done', rid: 2, room: 'room-1', id: queued.id, outcome: 'refused' });
    const result = (f: Frame) => f.t === 'joinResult' && f.id === queued.id;
    expect(await m2.next(result)).toMatchObject({ outcome: 'refused' });
    expect(await joiner.next(result)).toMatchObject({ outcome: 'refused' });
  });

  it('[P-DS5] [P-DS6] [P-MEM2] caps and permissions are typed errors', async () => {
    await start({ limits: { maxPendingJoinsPerRoom: 2, maxPendingJoinsPerClient: 1 } });
    const req = (c: TestClient, rid: number, room = 'room-1', extra = {}) =>
      c.request({ t: 'join.req', rid, room, keyPackage: b64('k'), ...extra });
    const [j1, j2, j3] = [await connect(), await connect(), await connect()];
    expect((await req(j1, 1)).t).toBe('join.queued');
    expect((await req(j1, 2)).t).toBe('join.queued'); // replaces its own request
    expect((await req(j2, 1)).t).toBe('join.queued');
    expect(await req(j3, 1)).toMatchObject({ code: 'QUOTA_EXCEEDED' }); // room full
    expect(await req(j1, 3, 'room-2')).toMatchObject({ code: 'QUOTA_EXCEEDED' }); // requester full
    expect(await req(j3, 2, 'room-3', { info: b64('x'.repeat(1025)) })).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(
      await j3.request({ t: 'join.done', rid: 3, room: 'room-1', id: 1, outcome: 'added' }),
    ).toMatchObject({
      code: 'NOT_MEMBER',
    });
    expect(
      await j3.request({ t: 'join.done', rid: 4, room: 'room-1', id: 1, outcome: 'maybe' }),
    ).toMatchObject({
      code: 'BAD_FRAME',
    });
  });
});
