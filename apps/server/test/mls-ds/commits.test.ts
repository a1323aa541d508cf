import { createIdentity } from '@yam/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { askToJoin, claimRoom } from '../helpers/claim-room.ts';
import { b64, TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

describe('MLS delivery service: commits and Welcome inboxes', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const connect = async (identity = createIdentity(), url = server.wsUrl) => {
    const c = await TestClient.authenticated(url, identity);
    clients.push(c);
    return c;
  };
  const commit = (c: TestClient, rid: number, epoch: number, cmid: string, extra = {}) =>
    c.request({ t: 'commit', rid, room: 'room-1', epoch, cmid, commit: b64(cmid), ...extra });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
  });

  it('[P-DS1] two clients racing for one epoch: exactly one commit is stored, the other gets EPOCH_CONFLICT', async () => {
    server = await startTestServer();
    const a = await connect();
    const b = await connect();
    await claimRoom(a, 'room-1', [b]); // seq 1, epoch 0 -> 1
    await a.request({ t: 'sub', rid: 1, room: 'room-1' });
    await b.request({ t: 'sub', rid: 1, room: 'room-1' });
    // Both frames leave before either reply: the server sees a real race.
    a.send({ t: 'commit', rid: 2, room: 'room-1', epoch: 1, cmid: 'commit-a1', commit: b64('A') });
    b.send({ t: 'commit', rid: 2, room: 'room-1', epoch: 1, cmid: 'commit-b1', commit: b64('B') });
    const replies = await Promise.all([a, b].map((c) => c.next((f) => f.rid === 2)));
    expect(replies.map((r) => r.t).sort()).toEqual(['ack', 'error']);
    const conflict = replies.find((r) => r.t === 'error')!;
    expect(conflict).toMatchObject({ code: 'EPOCH_CONFLICT', epoch: 2 });
    const winner = replies.find((r) => r.t === 'ack')!;
    expect(winner).toMatchObject({ seq: 2, duplicate: false });
    // Both see the one stored commit, with its kind and epoch.
    for (const c of [a, b]) {
      const msg = await c.next((f) => f.t === 'msg');
      expect(msg).toMatchObject({ seq: 2, kind: 'commit', epoch: 1, cmid: winner.cmid });
    }
    // The loser rebases: the next epoch is free.
    const loser = conflict === replies[0] ? a : b;
    expect((await commit(loser, 3, 2, 'commit-next')).t).toBe('ack');
    expect(await commit(loser, 4, 2, 'commit-late')).toMatchObject({
      code: 'EPOCH_CONFLICT',
      epoch: 3,
    });
    const late = await connect(a.identity);
    expect(await late.request({ t: 'sub', rid: 1, room: 'room-1' })).toMatchObject({
      head: 3,
      epoch: 3,
    });
  });

  it('[P-DS1] commits and app messages come back from hist in one seq order', async () => {
    server = await startTestServer();
    const a = await connect();
    await commit(a, 1, 0, 'commit-000');
    await a.request({ t: 'sub', rid: 1, room: 'room-1' });
    await a.request({ t: 'pub', rid: 2, room: 'room-1', cmid: 'app-00001', payload: b64('hi') });
    await commit(a, 3, 1, 'commit-001');
    await a.request({ t: 'pub', rid: 4, room: 'room-1', cmid: 'app-00002', payload: b64('yo') });
    const page = await a.request({ t: 'hist', rid: 5, room: 'room-1', after: 0 });
    expect(
      page.messages.map((m: { seq: number; kind?: string; epoch?: number }) => [
        m.seq,
        m.kind,
        m.epoch,
      ]),
    ).toEqual([
      [1, 'commit', 0],
      [2, undefined, undefined],
      [3, 'commit', 1],
      [4, undefined, undefined],
    ]);
  });

  it('[P-DS1] [P-MEM3] a commit needs membership, not a subscription; a resend with the same cmid is a duplicate', async () => {
    server = await startTestServer();
    const a = await connect();
    const b = await connect();
    const first = await commit(a, 1, 0, 'commit-001'); // the claim: no one may subscribe before
    expect(first).toMatchObject({ t: 'ack', seq: 1 });
    expect(await commit(b, 2, 1, 'commit-b01')).toMatchObject({ code: 'NOT_MEMBER' });
    const again = await commit(a, 3, 0, 'commit-001');
    expect(again).toMatchObject({ t: 'ack', seq: first.seq, duplicate: true });
    expect(await a.request({ t: 'sub', rid: 4, room: 'room-1' })).toMatchObject({
      head: 1,
      epoch: 1,
    });
  });

  it('[P-DS3] [P-DS4] a Welcome reaches an offline joiner on its next connect, after a restart, until acked', async () => {
    server = await startTestServer();
    const dataDir = server.dataDir;
    const a = await connect();
    const joiner = createIdentity();
    await askToJoin(server.wsUrl, 'room-1', [joiner]);
    const ack = await commit(a, 2, 0, 'commit-add', {
      welcome: { to: [joiner.clientId], data: b64('welcome-bytes') },
    });
    expect(ack.t).toBe('ack');
    a.ws.terminate();
    await server.close(); // a restart: same data dir
    server = await startTestServer({ dataDir });
    const j = await connect(joiner);
    const welcome = await j.next((f) => f.t === 'welcome');
    expect(welcome).toMatchObject({
      room: 'room-1',
      from: a.ready.clientId,
      data: b64('welcome-bytes'),
    });
    // Not acked: delivered again on the next connection.
    const j2 = await connect(joiner);
    expect((await j2.next((f) => f.t === 'welcome')).id).toBe(welcome.id);
    expect(await j2.request({ t: 'inbox.ack', rid: 1, id: welcome.id })).toMatchObject({
      t: 'inbox.acked',
    });
    const j3 = await connect(joiner);
    await j3.request({ t: 'kp.put', rid: 1, keyPackages: [] }); // a round trip after ready
    expect(j3.frames.some((f) => f.t === 'welcome')).toBe(false);
  });

  it('[P-DS4] a Welcome goes live to every connection of the recipient, and to nobody else', async () => {
    server = await startTestServer();
    const a = await connect();
    const joiner = createIdentity();
    const j1 = await connect(joiner);
    const j2 = await connect(joiner);
    const bystander = await connect();
    await claimRoom(a, 'room-1', [bystander]);
    await a.request({ t: 'sub', rid: 1, room: 'room-1' });
    await bystander.request({ t: 'sub', rid: 1, room: 'room-1' });
    await askToJoin(server.wsUrl, 'room-1', [j1]);
    await commit(a, 2, 1, 'commit-add', { welcome: { to: [joiner.clientId], data: b64('w') } });
    const [w1, w2] = await Promise.all([j1, j2].map((j) => j.next((f) => f.t === 'welcome')));
    expect(w1!.id).toBe(w2!.id);
    await bystander.next((f) => f.t === 'msg' && f.kind === 'commit');
    expect(
      [...a.frames, ...bystander.frames].some((f) => f.t === 'welcome' && f.id === w1!.id),
    ).toBe(false);
  });

  it('[P-DS3] bad commits get typed errors and store nothing', async () => {
    server = await startTestServer({ limits: { maxPayloadBytes: 16 } });
    const a = await connect();
    expect(await commit(a, 2, -1, 'commit-001')).toMatchObject({ code: 'BAD_FRAME' });
    expect(await commit(a, 2, 0, 'commit-001', { removes: [] })).toMatchObject({
      code: 'BAD_FRAME',
    });
    expect(
      await commit(a, 3, 0, 'commit-001', { welcome: { to: [], data: b64('w') } }),
    ).toMatchObject({
      code: 'BAD_FRAME',
    });
    expect(
      await a.request({
        t: 'commit',
        rid: 4,
        room: 'room-1',
        epoch: 0,
        cmid: 'commit-big',
        commit: b64('x'.repeat(17)),
      }),
    ).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    // Nothing was stored: the room is still unclaimed.
    expect(await commit(a, 5, 0, 'commit-ok')).toMatchObject({ t: 'ack', seq: 1 });
  });
});
