import { createKeyPackage, epochOf, removeMember } from '@yam/crypto';
import { type ClientId, ErrorCode, isYamError, type RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { text, waitFor } from '../integration/sdk-harness.ts';
import { type RecordingMember, type RoomOfThree, roomOfThree, waitUntil } from './room-of-three.ts';

// [P-ROLE1] [P-ROLE2] [P-ROLE3] Roles live in the MLS group: the creator owns the room,
// owners and admins remove, ban and promote; every member's client checks each commit.

const room = 'roles-room' as RoomId;
let r: RoomOfThree | undefined;

afterEach(async () => {
  await r?.close();
  r = undefined;
});

async function setUp(): Promise<RoomOfThree> {
  r = await roomOfThree(room);
  return r;
}

/** The lines "X added Y" a member's timeline got. */
const added = (m: RecordingMember) => m.lines.map((e) => `${e.by} added ${e.added.join(',')}`);

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isYamError(error) && error.code).toBe(code);
}

describe('roles [P-ROLE1] [P-ROLE2] [P-ROLE3]', () => {
  it('the creator is the owner for everyone; a plain member may not remove, in the SDK or by a raw commit', async () => {
    const [owner, bob, carol] = (await setUp()).members;
    for (const m of [owner, bob, carol]) {
      expect(await m.secure.admin.roles(room)).toEqual({
        roles: { [owner.id]: 'owner' },
        membersMayRemove: false,
      });
    }
    // [P-E2E8] Each joiner's timeline says who let it in (the commit that added it).
    expect(added(bob)).toContain(`${owner.id} added ${bob.id}`);
    expect(added(carol)).toContain(`${owner.id} added ${carol.id}`);
    await expectCode(bob.secure.removeMember(room, carol.id), ErrorCode.NotAllowed);
    await expectCode(bob.secure.removeMember(room, owner.id), ErrorCode.NotAllowed);
    // Bob's client patched to skip the check: the commit is real MLS and declared honestly.
    const group = (await bob.secure.group(room))!;
    const made = await removeMember(group, carol.id);
    await bob.sdk.client.mls.commit(room, Number(epochOf(group)), made.commit, undefined, {
      removes: [carol.id as ClientId],
    });
    // Owner and Carol skip it and void it: Carol is back on the roster and reads on.
    await waitUntil(async () => (await r!.roster()).includes(carol.id), 'Carol back on the roster');
    await waitUntil(async () => (await r!.epoch(carol)) === (await r!.epoch(owner)), 'one epoch');
    await owner.secure.send(room, text('still here, Carol?'));
    await waitFor(() => carol.texts.includes('still here, Carol?'), 'Carol reads on');
    expect(await owner.secure.members(room)).toContain(carol.id);
  }, 60_000);

  it('the owner makes Bob an admin; Bob removes and bans Carol; Carol cannot ask to join again', async () => {
    const [owner, bob, carol] = (await setUp()).members;
    await owner.secure.admin.setRole(room, bob.id, 'admin');
    const expected = { roles: { [owner.id]: 'owner', [bob.id]: 'admin' }, membersMayRemove: false };
    for (const m of [owner, bob, carol]) {
      await waitUntil(async () => {
        const roles = await m.secure.admin.roles(room);
        return JSON.stringify(roles) === JSON.stringify(expected);
      }, 'everyone sees Bob as admin');
    }
    // Carol, a plain member, may not make herself admin.
    await expectCode(carol.secure.admin.setRole(room, carol.id, 'admin'), ErrorCode.NotAllowed);
    await bob.secure.removeMember(room, carol.id, { ban: true });
    await waitUntil(async () => (await carol.secure.status(room)) === 'removed', 'Carol removed');
    expect(await r!.storage.isBanned(room, carol.id)).toBe(true);
    const { keyPackage } = await createKeyPackage(carol.sdk.identity);
    await expectCode(carol.sdk.client.mls.requestJoin(room, keyPackage), ErrorCode.Banned);
  }, 60_000);
});
