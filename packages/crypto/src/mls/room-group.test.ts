import { describe, expect, it } from 'vitest';
import { createIdentity } from '../identity.ts';
import { deserializeRoomGroup, serializeRoomGroup } from './group-state-codec.ts';
import { createKeyPackage } from './key-package.ts';
import { addMembers, joinFromWelcome, removeMember } from './membership.ts';
import { createRoomGroup, epochOf, groupIdOf, membersOf } from './room-group.ts';
import { decryptMessage, encryptMessage, peekMessage, processCommit } from './room-messages.ts';
import { isActive } from './room-state.ts';
import { expectCryptoError, read, roomWith, text } from './test-helpers.ts';

describe('MLS room groups', () => {
  it('creates a group at epoch 0 whose only member is the creator', async () => {
    const me = createIdentity();
    const group = await createRoomGroup(me, 'r1');
    expect(epochOf(group)).toBe(0n);
    expect(membersOf(group).map((m) => m.clientId)).toEqual([me.clientId]);
    expect(group.state.groupContext.groupId).toEqual(groupIdOf('r1'));
    expect(group.state.groupContext.cipherSuite).toBe(
      'MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519',
    );
  });

  it('adds a member who joins from the Welcome and both can talk', async () => {
    const [a, b] = await roomWith(2);
    expect(epochOf(a!.group)).toBe(1n);
    expect(epochOf(b!.group)).toBe(1n);
    expect(membersOf(b!.group).map((m) => m.clientId)).toEqual([
      a!.identity.clientId,
      b!.identity.clientId,
    ]);
    const sent = await encryptMessage(a!.group, text('hello B'));
    a!.group = sent.group;
    const got = await decryptMessage(b!.group, sent.ciphertext);
    expect(read(got.plaintext)).toBe('hello B');
    expect(got.senderClientId).toBe(a!.identity.clientId);
    const back = await encryptMessage(got.group, text('hi A'));
    expect(read((await decryptMessage(a!.group, back.ciphertext)).plaintext)).toBe('hi A');
  });

  it('peeks the cleartext framing without keys', async () => {
    const [a] = await roomWith(2);
    const sent = await encryptMessage(a!.group, text('x'));
    const info = peekMessage(sent.ciphertext);
    expect(info.contentType).toBe('application');
    expect(info.epoch).toBe(1n);
    expect(info.groupId).toEqual(groupIdOf('room-1'));
  });

  it('round-trips group state through serialisation and keeps working', async () => {
    const [a, b] = await roomWith(2);
    const restored = deserializeRoomGroup(serializeRoomGroup(b!.group));
    expect(epochOf(restored)).toBe(1n);
    const sent = await encryptMessage(a!.group, text('after restore'));
    expect(read((await decryptMessage(restored, sent.ciphertext)).plaintext)).toBe('after restore');
    const reply = await encryptMessage(restored, text('from restored'));
    expect(read((await decryptMessage(sent.group, reply.ciphertext)).plaintext)).toBe(
      'from restored',
    );
  });

  it('rejects corrupt or oversize serialised state with typed errors', async () => {
    const [a] = await roomWith(1);
    const bytes = serializeRoomGroup(a!.group);
    await expectCryptoError(
      () => deserializeRoomGroup(bytes.slice(0, bytes.length - 5)),
      'DECODE_FAILED',
    );
    await expectCryptoError(() => deserializeRoomGroup(new Uint8Array([9, 1, 2])), 'DECODE_FAILED');
    await expectCryptoError(
      () => deserializeRoomGroup(new Uint8Array(9 * 1024 * 1024)),
      'TOO_LARGE',
    );
  });

  it('removes a member: the others move on, the removed one learns it and stops', async () => {
    const [a, b, c] = await roomWith(3);
    const removal = await removeMember(a!.group, c!.identity.clientId);
    a!.group = removal.group;
    b!.group = (await processCommit(b!.group, removal.commit)).group;
    const seenByC = await processCommit(c!.group, removal.commit);
    expect(seenByC.removed).toBe(true);
    expect(isActive(seenByC.group)).toBe(false);
    expect(membersOf(b!.group).map((m) => m.clientId)).not.toContain(c!.identity.clientId);
    await expectCryptoError(encryptMessage(seenByC.group, text('still here?')), 'NOT_MEMBER');
  });

  it('a KeyPackage is one-time: a Welcome for another KeyPackage is refused', async () => {
    const [a] = await roomWith(1);
    const b = createIdentity();
    const used = await createKeyPackage(b);
    const other = await createKeyPackage(b);
    const added = await addMembers(a!.group, [used.keyPackage]);
    await expectCryptoError(joinFromWelcome(b, added.welcome, [other]), 'NOT_MEMBER');
    const joined = await joinFromWelcome(b, added.welcome, [other, used]);
    expect(joined.used).toBe(used);
  });
});
