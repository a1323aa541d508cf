import { describe, expect, it } from 'vitest';
import { deserializeRoomGroup, serializeRoomGroup } from './group-state-codec.ts';
import { decryptMessage, encryptMessage } from './room-messages.ts';
import { read, roomWith, text } from './test-helpers.ts';

// Groups are immutable values and callers keep an old state until the server accepts a
// change, so using a state never corrupts the states it came from or shares buffers with.
describe('state reuse', () => {
  it('encrypting twice from the same old state gives two messages the members can read', async () => {
    const [a, b] = await roomWith(2);
    const first = await encryptMessage(a!.group, text('first'));
    const second = await encryptMessage(a!.group, text('second'));
    // Both use the same key generation (same state twice), so each is read by its own
    // copy of the member's state; both must be under the real key, not a wiped one.
    const saved = serializeRoomGroup(b!.group);
    const copy = () => deserializeRoomGroup(saved);
    expect(read((await decryptMessage(copy(), first.ciphertext)).plaintext)).toBe('first');
    expect(read((await decryptMessage(copy(), second.ciphertext)).plaintext)).toBe('second');
  });

  it('a decrypt can be retried from the state before it', async () => {
    const [a, b] = await roomWith(2);
    const { ciphertext } = await encryptMessage(a!.group, text('hello'));
    const before = b!.group;
    expect(read((await decryptMessage(before, ciphertext)).plaintext)).toBe('hello');
    expect(read((await decryptMessage(before, ciphertext)).plaintext)).toBe('hello');
  });
});
