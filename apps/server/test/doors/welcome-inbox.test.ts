import { createIdentity } from '@yam/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerOptions } from '../../src/index.ts';
import { askToJoin, claimRoom } from '../helpers/claim-room.ts';
import { type AuthedTestClient, b64, type Frame, TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

describe('Doors: the Welcome inbox is capped, paged and acked', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const connect = async (identity = createIdentity()) => {
    const c = await TestClient.authenticated(server.wsUrl, identity);
    clients.push(c);
    return c;
  };
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
  });
  const start = async (limits: ServerOptions['limits']) => {
    server = await startTestServer({ limits });
  };
  /** An owner claims `room` and, once `to` asked, commits a Welcome of `size` bytes to it. */
  const welcomeTo = async (
    room: string,
    to: AuthedTestClient | ReturnType<typeof createIdentity>,
    size = 8,
    ask = true,
  ) => {
    const owner = await connect();
    await claimRoom(owner, room);
    if (ask) await askToJoin(server.wsUrl, room, [to]);
    const recipient = 'ws' in to ? to.ready.clientId : to.clientId;
    return owner.request({
      t: 'commit',
      rid: 5,
      room,
      epoch: 1,
      cmid: 'welcome-01',
      commit: b64('add'),
      welcome: { to: [recipient], data: Buffer.alloc(size, 1).toString('base64url') },
    });
  };

  it('[P-DS7] over the recipient’s count cap: QUOTA_EXCEEDED to the committer, and the commit is not stored', async () => {
    await start({ maxInboxItems: 2 });
    const victim = createIdentity();
    expect((await welcomeTo('r1', victim)).t).toBe('ack');
    expect((await welcomeTo('r2', victim)).t).toBe('ack');
    const refused = await welcomeTo('r3', victim);
    expect(refused).toMatchObject({ t: 'error', code: 'QUOTA_EXCEEDED' });
    expect(refused.message).not.toMatch(victim.clientId); // words, not IDs
    // r3 is still at epoch 1: its owner (the latest test connection) can commit there.
    const owner3 = clients.at(-1)!;
    expect(
      await owner3.request({
        t: 'commit',
        rid: 6,
        room: 'r3',
        epoch: 1,
        cmid: 'again-001',
        commit: b64('x'),
      }),
    ).toMatchObject({ t: 'ack', seq: 2 });
  });

  it('[P-DS7] over the recipient’s byte cap: QUOTA_EXCEEDED', async () => {
    await start({ maxInboxBytes: 100 });
    const victim = createIdentity();
    expect((await welcomeTo('r1', victim, 60)).t).toBe('ack');
    expect(await welcomeTo('r2', victim, 41)).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect((await welcomeTo('r3', victim, 40)).t).toBe('ack');
  });

  it('[P-DS4] a full inbox is delivered a window at a time; each ack lets the next one go', async () => {
    await start({ inboxWindow: 2 });
    const joiner = createIdentity();
    for (const room of ['p1', 'p2', 'p3', 'p4', 'p5'])
      expect((await welcomeTo(room, joiner)).t).toBe('ack');
    const j = await connect(joiner);
    const roundTrip = async () =>
      j.request({ t: 'kp.put', rid: 100 + j.frames.length, keyPackages: [] });
    await roundTrip();
    const welcomes = () => j.frames.filter((f) => f.t === 'welcome');
    expect(welcomes().map((w) => w.room)).toEqual(['p1', 'p2']);
    await j.request({ t: 'inbox.ack', rid: 1, id: welcomes()[0]!.id });
    await j.next((f) => f.t === 'welcome' && f.room === 'p3');
    await roundTrip();
    expect(welcomes().map((w) => w.room)).toEqual(['p1', 'p2', 'p3']);
    for (const [i, w] of welcomes().slice(1).entries()) {
      await j.request({ t: 'inbox.ack', rid: 10 + i, id: w.id });
    }
    await j.next((f) => f.t === 'welcome' && f.room === 'p5');
    expect(welcomes().map((w) => w.room)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
  });

  it('[P-DS7] a Welcome answers the join request: the requester and the room learn "added", once', async () => {
    await start({});
    const owner = await connect();
    const member = await connect();
    await claimRoom(owner, 'room', [member]);
    await member.request({ t: 'sub', rid: 1, room: 'room' });
    const joiner = await connect();
    const queued = await joiner.request({
      t: 'join.req',
      rid: 1,
      room: 'room',
      keyPackage: b64('kp'),
    });
    const add = await owner.request({
      t: 'commit',
      rid: 2,
      room: 'room',
      epoch: 1,
      cmid: 'add-joiner',
      commit: b64('add'),
      welcome: { to: [joiner.ready.clientId], data: b64('w') },
    });
    expect(add.t).toBe('ack');
    const result = (f: Frame) => f.t === 'joinResult' && f.id === queued.id;
    expect(await joiner.next(result)).toMatchObject({ outcome: 'added' });
    expect(await member.next(result)).toMatchObject({ outcome: 'added' });
    // The member's own join.done for it comes too late, harmlessly.
    await member.request({ t: 'sub', rid: 3, room: 'room' });
    expect(
      await member.request({
        t: 'join.done',
        rid: 4,
        room: 'room',
        id: queued.id,
        outcome: 'added',
      }),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});
