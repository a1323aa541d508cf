import { addMembers, createRoomGroup } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor, waitUntil } from './sdk-harness.ts';
import { closeSecureMembers, type SecureMember, secureMember } from './secure-harness.ts';

// [P-E2E7] A joiner trusts only the group it asked for: a Welcome counts only for a room
// with a pending join() (or the DM of this device and the Welcome's sender), and only
// when the Welcome's MLS group ID is that room's.

let server: TestServer | undefined;
const room = 'front-door' as RoomId;

afterEach(async () => {
  await closeSecureMembers();
  await server?.stop();
  server = undefined;
});

async function member(): Promise<SecureMember & { errors: string[]; joined: string[] }> {
  const errors: string[] = [];
  const joined: string[] = [];
  const m = await secureMember(server!.url, {
    listen: (secure) => {
      secure.on('error', (e) => errors.push(e.message));
      secure.on('roomJoined', (j) => joined.push(j.room));
    },
  });
  return { ...m, errors, joined };
}

/** The outsider's own group (another room's group ID) with the victim's KeyPackage added. */
async function outsiderGroup(outsider: SecureMember, victim: SecureMember, groupRoom: string) {
  // The victim uploads its KeyPackages once connected, which may be after this starts.
  let kp: Uint8Array | undefined;
  await waitUntil(async () => {
    kp = (await outsider.sdk.client.mls.claimKeyPackage(victim.id)) ?? undefined;
    return kp !== undefined;
  }, "the victim's KeyPackage");
  if (!kp) throw new Error('no KeyPackage to claim');
  const group = await createRoomGroup(outsider.sdk.identity, groupRoom);
  return addMembers(group, [kp]);
}

describe('a joiner trusts only the group it asked for [P-E2E7]', () => {
  it('an outsider that builds its own group and sends a Welcome does not capture the join', async () => {
    server = await startTestServer();
    const alice = await member();
    const joiner = await member();
    const outsider = await member();
    await alice.secure.createRoom(room);
    const requests: number[] = [];
    alice.secure.on('joinRequest', (r) => requests.push(r.id));
    let settled = false;
    const joining = joiner.secure.join(room, { timeoutMs: 20_000 }).finally(() => {
      settled = true;
    });
    joining.catch(() => undefined);
    await waitFor(() => requests.length === 1, 'the join request');
    const { commit, welcome } = await outsiderGroup(outsider, joiner, 'outsiders-own-room');
    // Filed under the room the joiner is joining: the server refuses a non-member's commit. [P-MEM3]
    await expect(
      outsider.sdk.client.mls.commit(room, 1, commit, { to: [joiner.id], data: welcome }),
    ).rejects.toMatchObject({ code: 'NOT_MEMBER' });
    // A member that lies gets it through the server; the joiner still opens only a group
    // whose group ID is the room's. [P-E2E7]
    const lie = await outsiderGroup(alice, joiner, 'outsiders-own-room');
    await alice.sdk.client.mls
      .commit(room, 1, lie.commit, { to: [joiner.id], data: lie.welcome })
      .catch(() => undefined);
    await waitFor(
      () => joiner.errors.some((e) => /Welcome/.test(e)),
      'the ignored Welcome reported',
    );
    expect(settled).toBe(false);
    expect(await joiner.secure.status(room)).toBe('none');
    expect(joiner.joined).toEqual([]);
  });

  it('a Welcome for a room never asked for is ignored', async () => {
    server = await startTestServer();
    const joiner = await member();
    const outsider = await member();
    const elsewhere = 'never-asked' as RoomId;
    await outsider.secure.createRoom(elsewhere);
    const { commit, welcome } = await outsiderGroup(outsider, joiner, elsewhere);
    // The server takes a Welcome only for a pending join request (or a DM). [P-DS7]
    await expect(
      outsider.sdk.client.mls.commit(elsewhere, 1, commit, { to: [joiner.id], data: welcome }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A request filed at the transport level leaves no join() waiting: the client refuses it too.
    await joiner.sdk.client.mls.requestJoin(elsewhere, new Uint8Array([1]));
    await outsider.sdk.client.mls.commit(elsewhere, 1, commit, { to: [joiner.id], data: welcome });
    await waitFor(
      () => joiner.errors.some((e) => /Welcome/.test(e)),
      'the ignored Welcome reported',
    );
    expect(await joiner.secure.status(elsewhere)).toBe('none');
    expect(joiner.joined).toEqual([]);
  });
});
