import { describe, expect, it } from 'vitest';
import {
  deserializeRoomGroup,
  groupTreeRef,
  serializeGroupTree,
  serializeRoomGroup,
  serializeRoomGroupState,
} from './group-state-codec.ts';
import { decryptMessage, encryptMessage } from './room-messages.ts';
import { addDevice, expectCryptoError, read, roomWith, text } from './test-helpers.ts';

describe('group state codec: the ratchet tree kept apart', () => {
  it('a state saved without its tree comes back whole with it, and keeps working', async () => {
    const [alice, bob] = await roomWith(3);
    const tree = serializeGroupTree(alice!.group);
    const state = serializeRoomGroupState(alice!.group, tree.ref);
    expect(groupTreeRef(state)).toBe(tree.ref);
    expect(state.length + tree.bytes.length).toBeGreaterThan(
      serializeRoomGroup(alice!.group).length - 64,
    );
    const restored = deserializeRoomGroup(state, tree.bytes);
    const sent = await encryptMessage(restored, text('after restore'));
    expect(read((await decryptMessage(bob!.group, sent.ciphertext)).plaintext)).toBe(
      'after restore',
    );
  });

  it('messages leave the tree as it was; a commit makes a new one', async () => {
    const devices = await roomWith(2);
    const [alice, bob] = devices;
    const before = serializeGroupTree(alice!.group);
    alice!.group = (await encryptMessage(alice!.group, text('hi'))).group;
    expect(serializeGroupTree(alice!.group).ref).toBe(before.ref);
    await addDevice(alice!, [bob!]);
    expect(serializeGroupTree(alice!.group).ref).not.toBe(before.ref);
  });

  it('refuses a state without its tree, with another tree, or with a corrupt tree', async () => {
    const [one] = await roomWith(2);
    const [other] = await roomWith(2, 'room-2');
    const tree = serializeGroupTree(one!.group);
    const state = serializeRoomGroupState(one!.group, tree.ref);
    await expectCryptoError(() => deserializeRoomGroup(state), 'DECODE_FAILED');
    await expectCryptoError(
      () => deserializeRoomGroup(state, serializeGroupTree(other!.group).bytes),
      'DECODE_FAILED',
    );
    const corrupt = tree.bytes.slice();
    corrupt[corrupt.length - 1]! ^= 1;
    await expectCryptoError(() => deserializeRoomGroup(state, corrupt), 'DECODE_FAILED');
  });

  it('still loads a whole-group snapshot (saved before the split)', async () => {
    const [alice] = await roomWith(2);
    const whole = serializeRoomGroup(alice!.group);
    expect(groupTreeRef(whole)).toBeUndefined();
    const restored = deserializeRoomGroup(whole);
    expect(restored.state.groupContext.epoch).toBe(alice!.group.state.groupContext.epoch);
  });
});
