import { createIdentity } from '@yam/crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { askToJoin, claimRoom } from '../helpers/claim-room.ts';
import { type AuthedTestClient, b64, type Frame, TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const ROOM = 'room-1';
/** Long enough for a frame the server wrongly fanned out to have arrived. */
const SETTLE_MS = 150;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

describe('membership: an outsider who knows only the room ID', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  let owner: AuthedTestClient;
  let member: AuthedTestClient;
  let outsider: AuthedTestClient;
  const connect = async () => {
    const c = await TestClient.authenticated(server.wsUrl, createIdentity());
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    server = await startTestServer();
    owner = await connect();
    member = await connect();
    outsider = await connect();
    await claimRoom(owner, ROOM, [member]);
    await owner.request({ t: 'sub', rid: 1, room: ROOM });
    await member.request({ t: 'sub', rid: 1, room: ROOM });
    await owner.request({ t: 'pub', rid: 2, room: ROOM, cmid: 'secret-01', payload: b64('ct') });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
  });

  it('[P-MEM2] cannot subscribe: NOT_MEMBER, nothing of the room, and the connection stays usable', async () => {
    const reply = await outsider.request({ t: 'sub', rid: 5, room: ROOM });
    expect(reply).toMatchObject({ t: 'error', code: 'NOT_MEMBER', rid: 5 });
    // The members never see it come online.
    await settle();
    expect(seen(owner, (f) => f.t === 'presence' && f.clientId === outsider.ready.clientId)).toBe(
      false,
    );
    expect(seen(outsider, (f) => f.t === 'msg' || f.t === 'presence')).toBe(false);
    const other = await outsider.request({ t: 'kp.put', rid: 6, keyPackages: [] });
    expect(other.t).toBe('kp.stored');
  });

  it('[P-MEM2] cannot read history or post app messages', async () => {
    expect(await outsider.request({ t: 'hist', rid: 5, room: ROOM, after: 0 })).toMatchObject({
      code: 'NOT_MEMBER',
    });
    expect(
      await outsider.request({
        t: 'pub',
        rid: 6,
        room: ROOM,
        cmid: 'spam-0001',
        payload: b64('x'),
      }),
    ).toMatchObject({ code: 'NOT_MEMBER' });
    const page = await owner.request({ t: 'hist', rid: 7, room: ROOM, after: 0 });
    expect(page.messages.map((m: Frame) => m.from)).not.toContain(outsider.ready.clientId);
  });

  it('[P-MEM3] cannot freeze the room with a garbage commit for the current epoch', async () => {
    const sub = await owner.request({ t: 'sub', rid: 8, room: ROOM });
    const garbage = await outsider.request({
      t: 'commit',
      rid: 5,
      room: ROOM,
      epoch: sub.epoch,
      cmid: 'garbage-01',
      commit: b64('garbage'),
    });
    expect(garbage).toMatchObject({ t: 'error', code: 'NOT_MEMBER' });
    // The epoch is still free for a member.
    const real = await owner.request({
      t: 'commit',
      rid: 9,
      room: ROOM,
      epoch: sub.epoch,
      cmid: 'real-commit',
      commit: b64('real'),
    });
    expect(real.t).toBe('ack');
  });

  it('[P-MEM2] cannot see typing or activity, and its own typing reaches nobody', async () => {
    outsider.send({ t: 'typing', room: ROOM, active: true });
    outsider.send({ t: 'activity', room: ROOM, away: true });
    member.send({ t: 'typing', room: ROOM, active: true });
    await owner.next((f) => f.t === 'typing' && f.clientId === member.ready.clientId);
    await settle();
    expect(seen(owner, (f) => f.clientId === outsider.ready.clientId)).toBe(false);
    expect(seen(outsider, (f) => f.t === 'typing' || f.t === 'activity')).toBe(false);
  });

  it('[P-MEM2] cannot get or set profile records', async () => {
    await member.request({ t: 'profile.set', rid: 3, room: ROOM, data: b64('sealed profile') });
    const get = await outsider.request({
      t: 'profile.get',
      rid: 5,
      room: ROOM,
      clientId: member.ready.clientId,
    });
    expect(get).toMatchObject({ t: 'error', code: 'NOT_MEMBER' });
    const set = await outsider.request({ t: 'profile.set', rid: 6, room: ROOM, data: b64('x') });
    expect(set).toMatchObject({ t: 'error', code: 'NOT_MEMBER' });
    await settle();
    expect(seen(owner, (f) => f.t === 'profile' && f.clientId === outsider.ready.clientId)).toBe(
      false,
    );
  });

  it("[P-MEM2] sees no one's join request and cannot settle it; its own request works", async () => {
    const joiner = await connect();
    const queued = await joiner.request({
      t: 'join.req',
      rid: 1,
      room: ROOM,
      keyPackage: b64('kp'),
    });
    expect(queued.t).toBe('join.queued');
    await owner.next((f) => f.t === 'joinRequest' && f.from === joiner.ready.clientId);
    const settleIt = await outsider.request({
      t: 'join.done',
      rid: 5,
      room: ROOM,
      id: queued.id,
      outcome: 'refused',
    });
    expect(settleIt).toMatchObject({ t: 'error', code: 'NOT_MEMBER' });
    expect(seen(joiner, (f) => f.t === 'joinResult')).toBe(false);
    expect(seen(outsider, (f) => f.t === 'joinRequest')).toBe(false);
    // The outsider asks too: members see it, it learns its own outcome, and no one else's.
    const own = await outsider.request({
      t: 'join.req',
      rid: 6,
      room: ROOM,
      keyPackage: b64('k2'),
    });
    expect(own.t).toBe('join.queued');
    await owner.request({ t: 'join.done', rid: 7, room: ROOM, id: own.id, outcome: 'refused' });
    expect(await outsider.next((f) => f.t === 'joinResult')).toMatchObject({
      id: own.id,
      outcome: 'refused',
    });
    await settle();
    expect(seen(outsider, (f) => f.t === 'joinRequest')).toBe(false);
  });

  it('[P-MEM2] cannot signal a member', async () => {
    const reply = await outsider.request({
      t: 'signal',
      rid: 5,
      room: ROOM,
      to: owner.ready.clientId,
      data: b64('offer'),
    });
    expect(reply).toMatchObject({ t: 'error', code: 'NOT_MEMBER' });
    await settle();
    expect(seen(owner, (f) => f.t === 'signal')).toBe(false);
  });

  it('[P-MEM1] gets its own Welcome when a member adds it, and is a member from then on', async () => {
    const sub = await owner.request({ t: 'sub', rid: 8, room: ROOM });
    await askToJoin(server.wsUrl, ROOM, [outsider]);
    const add = await owner.request({
      t: 'commit',
      rid: 9,
      room: ROOM,
      epoch: sub.epoch,
      cmid: 'add-outsider',
      commit: b64('add'),
      welcome: { to: [outsider.ready.clientId], data: b64('welcome') },
    });
    expect(add.t).toBe('ack');
    expect(await outsider.next((f) => f.t === 'welcome')).toMatchObject({ room: ROOM });
    expect((await outsider.request({ t: 'sub', rid: 10, room: ROOM })).t).toBe('subscribed');
  });
});

describe('membership: removal', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
  });

  it('[P-MEM4] a member removed by a commit loses its subscription at once and cannot re-subscribe', async () => {
    server = await startTestServer();
    const connect = async () => {
      const c = await TestClient.authenticated(server.wsUrl, createIdentity());
      clients.push(c);
      return c;
    };
    const owner = await connect();
    const member = await connect();
    await claimRoom(owner, ROOM, [member]);
    await owner.request({ t: 'sub', rid: 1, room: ROOM });
    await member.request({ t: 'sub', rid: 1, room: ROOM });
    const remove = await owner.request({
      t: 'commit',
      rid: 2,
      room: ROOM,
      epoch: 1,
      cmid: 'remove-member',
      commit: b64('remove'),
      removes: [member.ready.clientId],
    });
    expect(remove.t).toBe('ack');
    // It sees the commit that removes it, then is told it is out.
    expect(await member.next((f) => f.t === 'msg' && f.cmid === 'remove-member')).toBeTruthy();
    expect(
      await member.next((f) => f.t === 'error' && f.code === 'NOT_MEMBER' && f.room === ROOM),
    ).toBeTruthy();
    expect(
      await owner.next(
        (f) => f.t === 'presence' && f.clientId === member.ready.clientId && f.state === 'offline',
      ),
    ).toBeTruthy();
    await owner.request({ t: 'pub', rid: 3, room: ROOM, cmid: 'after-rm-1', payload: b64('ct') });
    await settle();
    expect(seen(member, (f) => f.t === 'msg' && f.cmid === 'after-rm-1')).toBe(false);
    expect(await member.request({ t: 'sub', rid: 4, room: ROOM })).toMatchObject({
      code: 'NOT_MEMBER',
    });
    expect(await member.request({ t: 'hist', rid: 5, room: ROOM, after: 0 })).toMatchObject({
      code: 'NOT_MEMBER',
    });
  });
});

function seen(c: TestClient, match: (f: Frame) => boolean): boolean {
  return c.frames.some(match);
}
