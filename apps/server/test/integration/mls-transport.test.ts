import type { JoinRequestInfo, JoinResultInfo, WelcomeInfo } from '@yam/client';
import { EpochConflictError } from '@yam/client/transport';
import { createIdentity } from '@yam/crypto';
import { isYamError, type RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { askToJoin } from '../helpers/claim-room.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { sdkClient, type TestSdkClient, text, untext, waitFor } from './sdk-harness.ts';

let server: TestServer | undefined;
const clients: TestSdkClient[] = [];
const room = 'mls-room' as RoomId;

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.client.close()));
  await server?.stop();
  server = undefined;
});

function client(options: Parameters<typeof sdkClient>[1] = {}) {
  const c = sdkClient(server!.url, options);
  clients.push(c);
  c.client.connect();
  return c;
}

/** Everything of one kind an SDK client emits. */
function record<T>(c: TestSdkClient, event: 'welcome' | 'joinRequest' | 'joinResult'): T[] {
  const seen: T[] = [];
  c.client.on(event, (e) => seen.push(e as T));
  return seen;
}

describe('SDK on the real server: MLS delivery service transport', () => {
  it('[P-DS1] two SDK clients commit for the same epoch: one wins, the other gets EpochConflictError and rebases', async () => {
    server = await startTestServer();
    const a = client();
    const b = client();
    // A claims the room (epoch 0, no subscription needed) and adds B, who asked. [P-MEM1] [P-DS7]
    await b.client.mls.requestJoin(room, text('kp'));
    await a.client.mls.commit(room, 0, text('claim'), { to: [b.client.clientId], data: text('w') });
    await Promise.all([a.client.join(room), b.client.join(room)]);
    const results = await Promise.allSettled([
      a.client.mls.commit(room, 1, text('commit by a')),
      b.client.mls.commit(room, 1, text('commit by b')),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect([won.length, lost.length]).toEqual([1, 1]);
    expect(won[0]!.value.seq).toBe(2);
    const error = lost[0]!.reason;
    expect(error).toBeInstanceOf(EpochConflictError);
    expect(isYamError(error, 'EPOCH_CONFLICT')).toBe(true);
    expect((error as EpochConflictError).epoch).toBe(2);
    // Both hear the one commit as a message of kind commit, in the room's order.
    await waitFor(() => a.messages.length === 2 && b.messages.length === 2, 'the commit echo');
    for (const c of [a, b])
      expect(c.messages[1]).toMatchObject({ seq: 2, kind: 'commit', epoch: 1 });
    const loser = results[0]!.status === 'rejected' ? a : b;
    expect((await loser.client.mls.commit(room, 2, text('rebased'))).seq).toBe(3);
  });

  it('[P-DS3] [P-DS4] a Welcome reaches a joiner that was offline, catch-up gives commits and messages in order', async () => {
    server = await startTestServer();
    const a = client();
    await a.client.mls.commit(room, 0, text('claim'));
    await a.client.join(room);
    await a.client.send(room, text('before the add'));
    await waitFor(() => a.acks.length === 1, 'the first message stored');
    const joinerIdentity = createIdentity();
    await askToJoin(server.wsUrl, room, [joinerIdentity]);
    await a.client.mls.commit(room, 1, text('add joiner'), {
      to: [joinerIdentity.clientId as never],
      data: text('welcome!'),
    });
    const joiner = sdkClient(server.url, { identity: joinerIdentity });
    clients.push(joiner);
    const welcomes = record<WelcomeInfo>(joiner, 'welcome');
    joiner.client.connect();
    await waitFor(() => welcomes.length === 1, 'the welcome');
    expect(welcomes[0]).toMatchObject({ room, from: a.client.clientId });
    expect(untext(welcomes[0]!.data)).toBe('welcome!');
    await joiner.client.join(room);
    expect(joiner.messages.map((m) => [m.seq, m.kind, untext(m.payload)])).toEqual([
      [1, 'commit', 'claim'],
      [2, 'app', 'before the add'],
      [3, 'commit', 'add joiner'],
    ]);
    await joiner.client.mls.ackWelcome(welcomes[0]!.id);
    await joiner.client.close();
    // A later connection of the same identity finds the inbox empty.
    const again = sdkClient(server.url, { identity: joinerIdentity });
    clients.push(again);
    const later = record<WelcomeInfo>(again, 'welcome');
    again.client.connect();
    expect((await again.client.mls.putKeyPackages([])).count).toBe(0); // a round trip after ready
    expect(later).toEqual([]);
  });

  it('[P-DS2] KeyPackages: uploads in chunks of 50, each claimed once', async () => {
    server = await startTestServer();
    const owner = client();
    const other = client();
    const packages = Array.from({ length: 60 }, (_, i) => text(`kp-${i}`));
    expect((await owner.client.mls.putKeyPackages(packages)).count).toBe(60);
    expect(untext((await other.client.mls.claimKeyPackage(owner.client.clientId))!)).toBe('kp-0');
    expect(untext((await other.client.mls.claimKeyPackage(owner.client.clientId))!)).toBe('kp-1');
    expect((await owner.client.mls.putKeyPackages([])).count).toBe(58);
    expect(await owner.client.mls.claimKeyPackage(other.client.clientId)).toBeNull();
  });

  it('[P-DS5] [P-DS6] a join request waits for a member, who adds the joiner', async () => {
    server = await startTestServer();
    const joiner = client();
    const results = record<JoinResultInfo>(joiner, 'joinResult');
    const { id } = await joiner.client.mls.requestJoin(room, text('kp'), text('mac'), text('info'));
    const member = client();
    const requests = record<JoinRequestInfo>(member, 'joinRequest');
    await member.client.mls.commit(room, 0, text('claim'));
    await member.client.join(room);
    await waitFor(() => requests.length === 1, 'the pending join request');
    const [request] = requests;
    expect(request).toMatchObject({ id, room, from: joiner.client.clientId });
    expect([untext(request!.keyPackage), untext(request!.mac!), untext(request!.info!)]).toEqual([
      'kp',
      'mac',
      'info',
    ]);
    await member.client.mls.resolveJoin(room, id, 'added');
    await waitFor(() => results.length === 1, 'the join result');
    expect(results[0]).toEqual({ room, id, outcome: 'added' });
    await expect(member.client.mls.resolveJoin(room, id, 'refused')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('[P-MEM2] joining a room before being a member neither loops nor reports an error; the Welcome lets it in', async () => {
    server = await startTestServer();
    const owner = client();
    const joiner = client();
    await waitFor(() => joiner.client.state === 'online', 'online');
    await joiner.client.join(room); // resolves quietly: not a member (yet)
    expect(joiner.client.rooms()).not.toContain(room);
    await joiner.client.mls.requestJoin(room, text('kp'));
    await owner.client.mls.commit(room, 0, text('claim'), {
      to: [joiner.client.clientId],
      data: text('welcome'),
    });
    await joiner.client.join(room); // as SecureRooms does once it adopted the Welcome
    expect(joiner.client.rooms()).toContain(room);
    await waitFor(() => joiner.messages.length === 1, 'the claim in the log');
    expect(joiner.messages[0]).toMatchObject({ kind: 'commit', epoch: 0 });
    expect(joiner.errors).toEqual([]);
  });
});
