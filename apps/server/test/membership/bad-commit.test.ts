import { epochOf, removeMember, updateKeys } from '@yam/crypto';
import type { ClientId, RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { text, waitFor } from '../integration/sdk-harness.ts';
import { type RecordingMember, type RoomOfThree, roomOfThree, waitUntil } from './room-of-three.ts';

// [P-MEM7] A member's commit that the others cannot apply (garbage, or a real commit whose
// declared roster change is not what it does) is skipped by every member in the same way
// and voided by the next commit: the room moves on and the server's roster follows the group.

const room = 'bad-commit-room' as RoomId;
let r: RoomOfThree | undefined;

afterEach(async () => {
  await r?.close();
  r = undefined;
});

/** Alice's room with Bob and Mallory (a member who turns bad). */
async function setUp(): Promise<RoomOfThree> {
  r = await roomOfThree(room);
  return r;
}

/** Alice removes Mallory, and Bob reads what Alice writes next. */
async function roomMovesOn(alice: RecordingMember, bob: RecordingMember, mallory: RecordingMember) {
  await alice.secure.removeMember(room, mallory.id);
  await alice.secure.send(room, text('after the bad commit'));
  await waitFor(() => bob.texts.includes('after the bad commit'), 'Bob reads Alice after it');
  expect(await r!.epoch(bob)).toBe(await r!.epoch(alice));
  expect(await r!.roster()).toEqual([alice.id, bob.id].sort());
  // The timeline of both shows the real removal, and only it.
  for (const m of [alice, bob]) {
    const removals = m.lines.flatMap((e) => e.removed.map((id) => `${e.by} removed ${id}`));
    expect(removals).toEqual([`${alice.id} removed ${mallory.id}`]);
  }
}

describe('one bad commit never freezes a room [P-MEM7]', () => {
  it('a member posts garbage as the commit of the current epoch: members skip it, and Alice can still remove her', async () => {
    const { members } = await setUp();
    const [alice, bob, mallory] = members;
    const at = await r!.epoch(alice);
    await mallory.sdk.client.mls.commit(room, at, text('not an MLS commit'));
    await roomMovesOn(alice, bob, mallory);
  }, 60_000);

  it('a real commit that removes Bob but declares nothing is skipped: Bob stays in the group and the roster', async () => {
    const [alice, bob, mallory] = (await setUp()).members;
    const group = (await mallory.secure.group(room))!;
    const made = await removeMember(group, bob.id);
    await mallory.sdk.client.mls.commit(room, Number(epochOf(group)), made.commit);
    await roomMovesOn(alice, bob, mallory);
  }, 60_000);

  it('a key update that declares Bob removed is skipped and voided: the server takes Bob back and he reads on', async () => {
    const [alice, bob, mallory] = (await setUp()).members;
    const group = (await mallory.secure.group(room))!;
    const made = await updateKeys(group);
    await mallory.sdk.client.mls.commit(room, Number(epochOf(group)), made.commit, undefined, {
      removes: [bob.id as ClientId],
    });
    // The server believed the declaration for a moment; the members' repair voids it.
    await waitUntil(async () => (await r!.roster()).includes(bob.id), 'Bob back on the roster');
    await roomMovesOn(alice, bob, mallory);
    expect(await bob.secure.status(room)).toBe('member');
  }, 60_000);

  it('a commit that declares every honest member removed cannot lock them out: Alice voids it', async () => {
    const [alice, bob, mallory] = (await setUp()).members;
    const group = (await mallory.secure.group(room))!;
    const made = await updateKeys(group);
    await mallory.sdk.client.mls.commit(room, Number(epochOf(group)), made.commit, undefined, {
      removes: [alice.id as ClientId, bob.id as ClientId],
    });
    await waitUntil(async () => (await r!.roster()).length === 3, 'Alice and Bob back');
    await roomMovesOn(alice, bob, mallory);
  }, 60_000);
});
