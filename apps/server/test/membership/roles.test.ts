import { createKeyPackage, epochOf, removeMember } from '@yam/crypto';
import { type ClientId, ErrorCode, isYamError, type RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { text, untext, waitFor } from '../integration/sdk-harness.ts';
import { closeSecureMembers, secureMember } from '../integration/secure-harness.ts';

// [P-ROLE1] [P-ROLE2] [P-ROLE3] Roles live in the MLS group: the creator owns the room,
// owners and admins remove, ban and promote; every member's client checks each commit.

let server: TestServer | undefined;
let storage: SqliteStorage | undefined;
const room = 'roles-room' as RoomId;

afterEach(async () => {
  await closeSecureMembers();
  await server?.stop();
  server = undefined;
});

async function member() {
  const texts: string[] = [];
  const lines: string[] = [];
  const m = await secureMember(server!.url, {
    listen: (secure) => {
      secure.on('message', (msg) => msg.body && texts.push(untext(msg.body)));
      secure.on('membership', (e) => lines.push(`${e.by} added ${e.added.join(',')}`));
    },
  });
  return { ...m, texts, lines };
}
type Member = Awaited<ReturnType<typeof member>>;

async function roomOfThree(): Promise<[Member, Member, Member]> {
  storage = new SqliteStorage(':memory:');
  server = await startTestServer({ storage });
  const [owner, bob, carol] = [await member(), await member(), await member()];
  await owner.secure.createRoom(room);
  for (const m of [bob, carol]) {
    await m.secure.join(room, {
      inviteKey: await owner.secure.createInvite(room),
      timeoutMs: 15_000,
    });
  }
  await owner.secure.send(room, text('hi all'));
  for (const m of [bob, carol]) await waitFor(() => m.texts.includes('hi all'), 'they read');
  return [owner, bob, carol];
}

async function epoch(m: Member): Promise<number> {
  return Number(epochOf((await m.secure.group(room))!));
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isYamError(error) && error.code).toBe(code);
}

describe('roles [P-ROLE1] [P-ROLE2] [P-ROLE3]', () => {
  it('the creator is the owner for everyone; a plain member may not remove, in the SDK or by a raw commit', async () => {
    const [owner, bob, carol] = await roomOfThree();
    for (const m of [owner, bob, carol]) {
      expect(await m.secure.admin.roles(room)).toEqual({
        roles: { [owner.id]: 'owner' },
        membersMayRemove: false,
      });
    }
    // [P-E2E8] Each joiner's timeline says who let it in (the commit that added it).
    expect(bob.lines).toContain(`${owner.id} added ${bob.id}`);
    expect(carol.lines).toContain(`${owner.id} added ${carol.id}`);
    await expectCode(bob.secure.removeMember(room, carol.id), ErrorCode.NotAllowed);
    await expectCode(bob.secure.removeMember(room, owner.id), ErrorCode.NotAllowed);
    // Bob's client patched to skip the check: the commit is real MLS and declared honestly.
    const group = (await bob.secure.group(room))!;
    const made = await removeMember(group, carol.id);
    await bob.sdk.client.mls.commit(room, Number(epochOf(group)), made.commit, undefined, {
      removes: [carol.id as ClientId],
    });
    // Owner and Carol skip it and void it: Carol is back on the roster and reads on.
    await waitForAsync(
      async () => (await storage!.roster(room)).some((e) => e.clientId === carol.id),
      'Carol back on the roster',
    );
    await waitForAsync(async () => (await epoch(carol)) === (await epoch(owner)), 'one epoch');
    await owner.secure.send(room, text('still here, Carol?'));
    await waitFor(() => carol.texts.includes('still here, Carol?'), 'Carol reads on');
    expect(await owner.secure.members(room)).toContain(carol.id);
  }, 60_000);

  it('the owner makes Bob an admin; Bob removes and bans Carol; Carol cannot ask to join again', async () => {
    const [owner, bob, carol] = await roomOfThree();
    await owner.secure.admin.setRole(room, bob.id, 'admin');
    const expected = { roles: { [owner.id]: 'owner', [bob.id]: 'admin' }, membersMayRemove: false };
    for (const m of [owner, bob, carol]) {
      await waitForAsync(async () => {
        const roles = await m.secure.admin.roles(room);
        return JSON.stringify(roles) === JSON.stringify(expected);
      }, 'everyone sees Bob as admin');
    }
    // Carol, a plain member, may not make herself admin.
    await expectCode(carol.secure.admin.setRole(room, carol.id, 'admin'), ErrorCode.NotAllowed);
    await bob.secure.removeMember(room, carol.id, { ban: true });
    await waitForAsync(
      async () => (await carol.secure.status(room)) === 'removed',
      'Carol removed',
    );
    expect(await storage!.isBanned(room, carol.id)).toBe(true);
    const { keyPackage } = await createKeyPackage(carol.sdk.identity);
    await expectCode(carol.sdk.client.mls.requestJoin(room, keyPackage), ErrorCode.Banned);
  }, 60_000);
});

async function waitForAsync(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
