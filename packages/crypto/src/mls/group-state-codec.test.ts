import { describe, expect, it } from 'vitest';
import {
  deserializeRoomGroup,
  groupPartRefs,
  serializeGroupPart,
  serializeRoomGroup,
  serializeRoomGroupState,
} from './group-state-codec.ts';
import type { RoomGroup } from './room-group.ts';
import { decryptMessage, encryptMessage } from './room-messages.ts';
import { addDevice, expectCryptoError, read, roomWith, text } from './test-helpers.ts';

function split(group: RoomGroup) {
  const tree = serializeGroupPart(group, 'tree');
  const history = serializeGroupPart(group, 'history');
  const core = serializeRoomGroupState(group, { tree: tree.ref, history: history.ref });
  return { core, tree, history, parts: { tree: tree.bytes, history: history.bytes } };
}

describe('group state codec: the parts that grow with the group kept apart', () => {
  it('a core saved without its parts comes back whole with them, and keeps working', async () => {
    const devices = await roomWith(3);
    const [alice, bob] = devices;
    // A commit, so there is a past epoch in the history part.
    await addDevice(alice!, [bob!, devices[2]!]);
    const { core, tree, history, parts } = split(alice!.group);
    expect(groupPartRefs(core)).toEqual({ tree: tree.ref, history: history.ref });
    expect(core.length).toBeLessThan(serializeRoomGroup(alice!.group).length - tree.bytes.length);
    const restored = deserializeRoomGroup(core, parts);
    const sent = await encryptMessage(restored, text('after restore'));
    expect(read((await decryptMessage(bob!.group, sent.ciphertext)).plaintext)).toBe(
      'after restore',
    );
  });

  it('messages leave both parts as they were; a commit makes new ones', async () => {
    const devices = await roomWith(2);
    const [alice, bob] = devices;
    const before = split(alice!.group);
    alice!.group = (await encryptMessage(alice!.group, text('hi'))).group;
    const after = split(alice!.group);
    expect(after.tree.ref).toBe(before.tree.ref);
    expect(after.history.ref).toBe(before.history.ref);
    expect(after.core).not.toEqual(before.core);
    await addDevice(alice!, [bob!]);
    const committed = split(alice!.group);
    expect(committed.tree.ref).not.toBe(before.tree.ref);
    expect(committed.history.ref).not.toBe(before.history.ref);
  });

  it("refuses a core without its parts, with another group's parts, with swapped or corrupt parts", async () => {
    const [one] = await roomWith(2);
    const [other] = await roomWith(2, 'room-2');
    const { core, tree, history } = split(one!.group);
    const theirs = split(other!.group);
    await expectCryptoError(() => deserializeRoomGroup(core), 'DECODE_FAILED');
    await expectCryptoError(
      () => deserializeRoomGroup(core, { tree: tree.bytes }),
      'DECODE_FAILED',
    );
    await expectCryptoError(
      () => deserializeRoomGroup(core, { tree: theirs.tree.bytes, history: history.bytes }),
      'DECODE_FAILED',
    );
    await expectCryptoError(
      () => deserializeRoomGroup(core, { tree: history.bytes, history: tree.bytes }),
      'DECODE_FAILED',
    );
    const corrupt = tree.bytes.slice();
    corrupt[corrupt.length - 1]! ^= 1;
    await expectCryptoError(
      () => deserializeRoomGroup(core, { tree: corrupt, history: history.bytes }),
      'DECODE_FAILED',
    );
  });

  it('still loads a whole-group snapshot (saved before the split)', async () => {
    const [alice] = await roomWith(2);
    const whole = serializeRoomGroup(alice!.group);
    expect(groupPartRefs(whole)).toBeUndefined();
    const restored = deserializeRoomGroup(whole);
    expect(restored.state.groupContext.epoch).toBe(alice!.group.state.groupContext.epoch);
  });
});
