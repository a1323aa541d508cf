import { epochOf, removeMember, updateKeys } from '@yam/crypto';
import type { ClientId, RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { text, untext, waitFor } from '../integration/sdk-harness.ts';
import { closeSecureMembers, secureMember } from '../integration/secure-harness.ts';

// [P-MEM7] A member's commit that the others cannot apply (garbage, or a real commit whose
// declared roster change is not what it does) is skipped by every member in the same way
// and voided by the next commit: the room moves on and the server's roster follows the group.

let server: TestServer | undefined;
let storage: SqliteStorage | undefined;
const room = 'bad-commit-room' as RoomId;

afterEach(async () => {
  await closeSecureMembers();
  await server?.stop();
  server = undefined;
});

async function member() {
  const texts: string[] = [];
  const removals: string[] = [];
  const m = await secureMember(server!.url, {
    listen: (secure) => {
      secure.on('message', (msg) => msg.body && texts.push(untext(msg.body)));
      secure.on('membership', (e) =>
        removals.push(...e.removed.map((id) => `${e.by} removed ${id}`)),
      );
    },
  });
  return { ...m, texts, removals };
}
type Member = Awaited<ReturnType<typeof member>>;

/** Alice's room with Bob and Mallory (a member who turns bad). */
async function roomOfThree(): Promise<[Member, Member, Member]> {
  storage = new SqliteStorage(':memory:');
  server = await startTestServer({ storage });
  const [alice, bob, mallory] = [await member(), await member(), await member()];
  await alice.secure.createRoom(room);
  for (const m of [bob, mallory]) {
    await m.secure.join(room, {
      inviteKey: await alice.secure.createInvite(room),
      timeoutMs: 15_000,
    });
  }
  await alice.secure.send(room, text('welcome both'));
  await waitFor(() => bob.texts.includes('welcome both'), 'Bob reads Alice');
  await waitFor(() => mallory.texts.includes('welcome both'), 'Mallory reads Alice');
  return [alice, bob, mallory];
}

async function epoch(m: Member): Promise<number> {
  const group = await m.secure.group(room);
  return group ? Number(epochOf(group)) : -1;
}

async function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function roster(): Promise<string[]> {
  return (await storage!.roster(room)).map((e) => e.clientId).sort();
}

/** Alice removes Mallory, and Bob reads what Alice writes next. */
async function roomMovesOn(alice: Member, bob: Member, mallory: Member): Promise<void> {
  await alice.secure.removeMember(room, mallory.id);
  await alice.secure.send(room, text('after the bad commit'));
  await waitFor(() => bob.texts.includes('after the bad commit'), 'Bob reads Alice after it');
  expect(await epoch(bob)).toBe(await epoch(alice));
  expect(await roster()).toEqual([alice.id, bob.id].sort());
  // The timeline of both shows the real removal, and only it.
  for (const m of [alice, bob]) expect(m.removals).toEqual([`${alice.id} removed ${mallory.id}`]);
}

describe('one bad commit never freezes a room [P-MEM7]', () => {
  it('a member posts garbage as the commit of the current epoch: members skip it, and Alice can still remove her', async () => {
    const [alice, bob, mallory] = await roomOfThree();
    const at = await epoch(alice);
    await mallory.sdk.client.mls.commit(room, at, text('not an MLS commit'));
    await roomMovesOn(alice, bob, mallory);
  }, 60_000);

  it('a real commit that removes Bob but declares nothing is skipped: Bob stays in the group and the roster', async () => {
    const [alice, bob, mallory] = await roomOfThree();
    const group = (await mallory.secure.group(room))!;
    const made = await removeMember(group, bob.id);
    await mallory.sdk.client.mls.commit(room, Number(epochOf(group)), made.commit);
    await roomMovesOn(alice, bob, mallory);
  }, 60_000);

  it('a key update that declares Bob removed is skipped and voided: the server takes Bob back and he reads on', async () => {
    const [alice, bob, mallory] = await roomOfThree();
    const group = (await mallory.secure.group(room))!;
    const made = await updateKeys(group);
    await mallory.sdk.client.mls.commit(room, Number(epochOf(group)), made.commit, undefined, {
      removes: [bob.id as ClientId],
    });
    // The server believed the declaration for a moment; the members' repair voids it.
    await waitUntil(async () => (await roster()).includes(bob.id), 'Bob back on the roster');
    await roomMovesOn(alice, bob, mallory);
    expect(await bob.secure.status(room)).toBe('member');
  }, 60_000);

  it('a commit that declares every honest member removed cannot lock them out: Alice voids it', async () => {
    const [alice, bob, mallory] = await roomOfThree();
    const group = (await mallory.secure.group(room))!;
    const made = await updateKeys(group);
    await mallory.sdk.client.mls.commit(room, Number(epochOf(group)), made.commit, undefined, {
      removes: [alice.id as ClientId, bob.id as ClientId],
    });
    await waitUntil(async () => (await roster()).length === 3, 'Alice and Bob back on the roster');
    await roomMovesOn(alice, bob, mallory);
  }, 60_000);
});
