import { dmRoomId } from '@yam/client';
import { createIdentity } from '@yam/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { dmRoomOf } from '../../src/membership/dm-room.ts';
import { type AuthedTestClient, b64, TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

describe('membership: DM rooms cannot be squatted', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const connect = async () => {
    const c = await TestClient.authenticated(server.wsUrl, createIdentity());
    clients.push(c);
    return c;
  };
  const claim = (
    from: AuthedTestClient,
    room: string,
    to: string[],
    epoch = 0,
    cmid = 'dm-claim-1',
  ) =>
    from.request({
      t: 'commit',
      rid: 1,
      room,
      epoch,
      cmid,
      commit: b64('commit'),
      welcome: { to, data: b64('welcome') },
    });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
  });

  it("[P-MEM5] the server derives a DM's room ID exactly as the SDK does", () => {
    for (let i = 0; i < 20; i++) {
      const a = createIdentity().clientId;
      const b = createIdentity().clientId;
      expect(dmRoomOf(a, b)).toBe(dmRoomId(a, b));
      expect(dmRoomOf(b, a)).toBe(dmRoomId(a, b));
    }
  });

  it('[P-MEM5] a third party cannot claim the DM of two others; the two can still open it', async () => {
    server = await startTestServer();
    const alice = await connect();
    const bob = await connect();
    const mallory = await connect();
    const room = dmRoomId(alice.ready.clientId, bob.ready.clientId);
    // Without a Welcome, with a Welcome to one of them, or to itself: refused, no epoch taken.
    expect(
      await mallory.request({
        t: 'commit',
        rid: 2,
        room,
        epoch: 0,
        cmid: 'squat-0001',
        commit: b64('x'),
      }),
    ).toMatchObject({ t: 'error', code: 'NOT_MEMBER' });
    expect(await claim(mallory, room, [alice.ready.clientId])).toMatchObject({
      code: 'NOT_MEMBER',
    });
    expect(await claim(mallory, room, [mallory.ready.clientId])).toMatchObject({
      code: 'NOT_MEMBER',
    });
    expect(await mallory.request({ t: 'sub', rid: 3, room })).toMatchObject({ code: 'NOT_MEMBER' });
    // Alice opens it with Bob as the one Welcome recipient.
    expect((await claim(alice, room, [bob.ready.clientId])).t).toBe('ack');
    expect((await bob.request({ t: 'sub', rid: 4, room })).t).toBe('subscribed');
    // Nobody else can ever be added.
    expect(await claim(alice, room, [mallory.ready.clientId], 1, 'dm-add-3rd')).toMatchObject({
      code: 'NOT_MEMBER',
    });
    expect(await mallory.request({ t: 'sub', rid: 5, room })).toMatchObject({ code: 'NOT_MEMBER' });
  });

  it('[P-MEM5] the claim must add the other party: a DM claimed with a Welcome to both and a stranger is refused', async () => {
    server = await startTestServer();
    const alice = await connect();
    const bob = await connect();
    const carol = await connect();
    const room = dmRoomId(alice.ready.clientId, bob.ready.clientId);
    expect(await claim(alice, room, [bob.ready.clientId, carol.ready.clientId])).toMatchObject({
      code: 'NOT_MEMBER',
    });
    expect((await claim(bob, room, [alice.ready.clientId], 0, 'dm-claim-2')).t).toBe('ack');
  });
});
