import { createIdentity } from '@yam/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerOptions } from '../../src/index.ts';
import { networkOf } from '../../src/mls-ds/network-of.ts';
import { claimRoom } from '../helpers/claim-room.ts';
import { b64, TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

describe('Doors: join requests cannot jam a room', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const connect = async () => {
    const c = await TestClient.authenticated(server.wsUrl, createIdentity());
    clients.push(c);
    return c;
  };
  const start = async (limits: ServerOptions['limits'] = {}) => {
    server = await startTestServer({ limits });
  };
  const ask = (c: TestClient, room: string, rid = 1) =>
    c.request({ t: 'join.req', rid, room, keyPackage: b64('kp') });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
  });

  it('[P-DS5] pending join requests are capped per IP, across identities and rooms', async () => {
    await start({ maxPendingJoinsPerIp: 2 });
    const [a, b, c] = [await connect(), await connect(), await connect()];
    expect((await ask(a, 'room-1')).t).toBe('join.queued');
    expect((await ask(b, 'room-2')).t).toBe('join.queued');
    const refused = await ask(c, 'room-3');
    expect(refused).toMatchObject({ t: 'error', code: 'QUOTA_EXCEEDED' });
    expect(refused.message).toMatch(/your network/);
    // A repeated request replaces the requester's own: still allowed at the cap.
    expect((await ask(a, 'room-1', 2)).t).toBe('join.queued');
    expect(c.ws.readyState).toBe(c.ws.OPEN); // not fatal
  });

  it('[P-DS5] an IPv6 requester is counted by its /64; IPv4-mapped addresses as IPv4', () => {
    expect(networkOf('2001:db8:1:2:aaaa::1')).toBe(networkOf('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    expect(networkOf('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8:1:3::1')).not.toBe(networkOf('2001:db8:1:2::1'));
    expect(networkOf('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(networkOf('192.0.2.7')).toBe('192.0.2.7');
    expect(networkOf('192.0.2.8')).not.toBe('192.0.2.7');
  });

  it('[P-DS5] a repeated sub does not replay join requests the connection was already sent', async () => {
    await start();
    const owner = await connect();
    await claimRoom(owner, 'room-1');
    const joiner = await connect();
    await ask(joiner, 'room-1');
    await owner.request({ t: 'sub', rid: 1, room: 'room-1' });
    await owner.next((f) => f.t === 'joinRequest');
    for (let rid = 2; rid < 6; rid++) await owner.request({ t: 'sub', rid, room: 'room-1' });
    await owner.request({ t: 'kp.put', rid: 9, keyPackages: [] }); // a round trip
    expect(owner.frames.filter((f) => f.t === 'joinRequest')).toHaveLength(1);
    // A new connection still gets it.
    const again = await TestClient.authenticated(server.wsUrl, owner.identity);
    clients.push(again);
    await again.request({ t: 'sub', rid: 1, room: 'room-1' });
    expect(await again.next((f) => f.t === 'joinRequest')).toMatchObject({
      from: joiner.ready.clientId,
    });
  });

  it('[P-DS5] an expired join request is never sent, cannot be settled and admits no Welcome', async () => {
    await start({ joinRequestTtlMs: 1 });
    const owner = await connect();
    await claimRoom(owner, 'room-1');
    const joiner = await connect();
    const queued = await ask(joiner, 'room-1');
    await new Promise((resolve) => setTimeout(resolve, 5)); // past a 1 ms lifetime
    await owner.request({ t: 'sub', rid: 1, room: 'room-1' });
    const add = await owner.request({
      t: 'commit',
      rid: 2,
      room: 'room-1',
      epoch: 1,
      cmid: 'add-late-1',
      commit: b64('add'),
      welcome: { to: [joiner.ready.clientId], data: b64('w') },
    });
    expect(add).toMatchObject({ t: 'error', code: 'NOT_FOUND' });
    expect(owner.frames.some((f) => f.t === 'joinRequest')).toBe(false);
    const done = { t: 'join.done', rid: 3, room: 'room-1', id: queued.id, outcome: 'refused' };
    expect(await owner.request(done)).toMatchObject({ code: 'NOT_FOUND' });
  });
});
