import { memberKeys } from '@yam/client/transport';
import { safetyNumber } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { closeSecureMembers, secureMember } from './secure-harness.ts';

let server: TestServer | undefined;
const room = 'verify-room' as RoomId;

afterEach(async () => {
  await closeSecureMembers();
  await server?.stop();
  server = undefined;
});

const member = () => secureMember(server!.url, { keyPackageTarget: 2 });

describe('memberKeys: the signature keys safety numbers are computed from', () => {
  it('both members read the same keys from the group, so both get one safety number', async () => {
    server = await startTestServer();
    const a = await member();
    const b = await member();
    expect(await memberKeys(a.secure, room)).toEqual([]); // no group yet
    await a.secure.createRoom(room);
    const key = await a.secure.createInvite(room);
    await b.secure.join(room, { inviteKey: key, name: 'B', timeoutMs: 15_000 });

    const seenByA = await memberKeys(a.secure, room);
    const seenByB = await memberKeys(b.secure, room);
    expect(seenByA.map((m) => m.clientId).sort()).toEqual([a.id, b.id].sort());
    expect(seenByB).toEqual(seenByA);
    const keyOf = (list: typeof seenByA, id: string) => list.find((m) => m.clientId === id)!;
    // The key in the tree is the device's own identity key, not something the server chose.
    expect(keyOf(seenByA, a.id).publicKey).toEqual(a.sdk.identity.publicKey);
    expect(keyOf(seenByB, b.id).publicKey).toEqual(b.sdk.identity.publicKey);
    const fromA = safetyNumber(keyOf(seenByA, a.id), keyOf(seenByA, b.id));
    const fromB = safetyNumber(keyOf(seenByB, b.id), keyOf(seenByB, a.id));
    expect(fromA).toMatch(/^\d{60}$/);
    expect(fromB).toBe(fromA);
  });
});
