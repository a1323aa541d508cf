import fc from 'fast-check';
import { describe, it } from 'vitest';
import { isCryptoError } from '../crypto-error.ts';
import { createIdentity } from '../identity.ts';
import { deserializeRoomGroup } from './group-state-codec.ts';
import { createKeyPackage, parseKeyPackage } from './key-package.ts';
import { addMembers, joinFromWelcome } from './membership.ts';
import { decryptMessage, encryptMessage, peekMessage, processCommit } from './room-messages.ts';
import { roomWith, text } from './test-helpers.ts';

/** Random bytes, and real MLS messages with a byte flipped or the tail cut off. */
function inputs(samples: Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const mutated = fc
    .tuple(fc.constantFrom(...samples), fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean())
    .map(([sample, at, xor, cut]) => {
      const b = cut ? sample.slice(0, at % sample.length) : sample.slice();
      if (!cut) b[at % b.length]! ^= xor;
      return b;
    });
  return fc.oneof(fc.uint8Array({ maxLength: 300 }), mutated);
}

async function onlyTypedErrors(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!isCryptoError(err)) throw err;
  }
}

describe('fuzz: MLS decoding gives only typed errors', () => {
  it('for application messages, commits, KeyPackages, Welcomes and saved state', async () => {
    const [a, b] = await roomWith(2);
    const joiner = createIdentity();
    const pending = await createKeyPackage(joiner);
    const added = await addMembers(a!.group, [pending.keyPackage]);
    const message = await encryptMessage(a!.group, text('fuzz me'));
    const samples = [message.ciphertext, added.commit, added.welcome, pending.keyPackage];
    await fc.assert(
      fc.asyncProperty(inputs(samples), async (bytes) => {
        await onlyTypedErrors(() => decryptMessage(b!.group, bytes));
        await onlyTypedErrors(() => processCommit(b!.group, bytes));
        await onlyTypedErrors(() => parseKeyPackage(bytes));
        await onlyTypedErrors(() => joinFromWelcome(joiner, bytes, [pending]));
        await onlyTypedErrors(async () => peekMessage(bytes));
        await onlyTypedErrors(async () => deserializeRoomGroup(bytes));
      }),
      { numRuns: 300 },
    );
  });
});
