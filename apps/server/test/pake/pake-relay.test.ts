import { createIdentity } from '@yam/crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimRoom } from '../helpers/claim-room.ts';
import { type AuthedTestClient, type Frame, TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const ROOM = 'pake-relay';
/** Long enough for a frame the server wrongly fanned out to have arrived. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
const bytes = (n: number, fill: number) => Buffer.alloc(n, fill).toString('base64url');
const SHARE = bytes(48, 1);
const REPLY = bytes(32, 2);
const TAG = bytes(64, 3);
const seen = (c: TestClient, match: (f: Frame) => boolean) => c.frames.some(match);

describe('[P-PAKE2] [P-PAKE3] the server relays password checks between two parties only', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  let owner: AuthedTestClient;
  let member: AuthedTestClient;
  let requester: AuthedTestClient;
  let outsider: AuthedTestClient;
  const connect = async () => {
    const c = await TestClient.authenticated(server.wsUrl, createIdentity());
    clients.push(c);
    return c;
  };
  const ask = async (c: AuthedTestClient, rid: number) =>
    c.request({ t: 'join.req', rid, room: ROOM, keyPackage: bytes(8, rid), pake: SHARE });

  beforeEach(async () => {
    server = await startTestServer({
      limits: { passwordTriesPerRequester: 1, passwordTriesPerRoom: 2 },
    });
    owner = await connect();
    member = await connect();
    requester = await connect();
    outsider = await connect();
    await claimRoom(owner, ROOM, [member]);
    await owner.request({ t: 'sub', rid: 1, room: ROOM });
    await member.request({ t: 'sub', rid: 1, room: ROOM });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
  });

  it('only members answer, only the first runs; shares and tags reach only the two parties', async () => {
    const queued = await ask(requester, 2);
    expect(queued.t).toBe('join.queued');
    const request = await owner.next((f) => f.t === 'joinRequest');
    expect(request.pake).toBe(SHARE);
    expect(request.mac).toBeUndefined();
    const reply = { t: 'pake.reply', room: ROOM, id: queued.id, share: REPLY };
    expect(await outsider.request({ ...reply, rid: 3 })).toMatchObject({ code: 'NOT_MEMBER' });
    expect(await owner.request({ ...reply, rid: 4 })).toMatchObject({ t: 'pake.sent' });
    expect(await member.request({ ...reply, rid: 5 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await requester.next((f) => f.t === 'pakeReply')).toMatchObject({
      id: queued.id,
      from: owner.ready.clientId,
      share: REPLY,
    });
    const confirm = { t: 'pake.confirm', room: ROOM, id: queued.id, tag: TAG };
    expect(await outsider.request({ ...confirm, rid: 6 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await requester.request({ ...confirm, rid: 7 })).toMatchObject({ t: 'pake.sent' });
    expect(await requester.request({ ...confirm, rid: 8 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await owner.next((f) => f.t === 'pakeConfirm')).toMatchObject({
      from: requester.ready.clientId,
      tag: TAG,
    });
    const done = { t: 'pake.done', room: ROOM, id: queued.id };
    expect(await member.request({ ...done, rid: 9, tag: TAG })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await owner.request({ ...done, rid: 10, tag: TAG })).toMatchObject({ t: 'pake.sent' });
    expect(await requester.next((f) => f.t === 'pakeProof')).toMatchObject({ tag: TAG });
    await settle();
    for (const other of [member, outsider]) {
      expect(seen(other, (f) => ['pakeReply', 'pakeConfirm', 'pakeProof'].includes(f.t))).toBe(
        false,
      );
    }
    expect(seen(requester, (f) => f.t === 'pakeConfirm')).toBe(false);
    // A right password costs nothing: the requester may try again at once.
    expect((await ask(requester, 11)).t).toBe('join.queued');
  });

  it('a wrong password is shown to the members and backs off the requester, then the room', async () => {
    const fail = async (c: AuthedTestClient, rid: number) => {
      const queued = await ask(c, rid);
      expect(queued.t).toBe('join.queued');
      await owner.request({ t: 'pake.reply', rid, room: ROOM, id: queued.id, share: REPLY });
      await c.request({ t: 'pake.confirm', rid, room: ROOM, id: queued.id, tag: TAG });
      await owner.request({ t: 'pake.done', rid, room: ROOM, id: queued.id });
    };
    await fail(requester, 20);
    expect(await member.next((f) => f.t === 'pakeFailed')).toMatchObject({ room: ROOM });
    const again = await ask(requester, 21);
    expect(again).toMatchObject({ t: 'error', code: 'TOO_MANY_PASSWORD_TRIES' });
    expect(again.retryAfterMs).toBeGreaterThan(0);
    // Another requester still has the room's second try; after it the room is closed to all.
    const second = await connect();
    await fail(second, 22);
    const third = await connect();
    expect(await ask(third, 23)).toMatchObject({ code: 'TOO_MANY_PASSWORD_TRIES' });
    // Invite joins (no share) are not password tries.
    expect(
      (await third.request({ t: 'join.req', rid: 24, room: ROOM, keyPackage: bytes(8, 9) })).t,
    ).toBe('join.queued');
    await settle();
    expect(seen(outsider, (f) => f.t === 'pakeFailed')).toBe(false);
    expect(seen(requester, (f) => f.t === 'pakeFailed')).toBe(false);
  });

  it('a run in progress counts as a try once the free tries are used', async () => {
    const first = await ask(requester, 30);
    await owner.request({ t: 'pake.reply', rid: 31, room: ROOM, id: first.id, share: REPLY });
    // perRequester is 1: with one run in flight, a second request waits for its verdict.
    expect(await ask(requester, 32)).toMatchObject({ code: 'TOO_MANY_PASSWORD_TRIES' });
  });
});
