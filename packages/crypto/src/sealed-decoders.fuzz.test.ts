import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openForEpoch, sealedEpoch } from './epoch-seal.ts';
import { createInviteKey, openJoinInfo } from './invite-crypto.ts';

const key = createInviteKey();

describe('invite and epoch-seal decoders on arbitrary bytes: a value or undefined, never a throw', () => {
  it('join info and sealed records', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        expect(() => openJoinInfo(key, 'room', bytes)).not.toThrow();
        expect(openJoinInfo(key, 'room', bytes)).toBeUndefined();
        expect(() => sealedEpoch(bytes)).not.toThrow();
        expect(openForEpoch(new Uint8Array(32), bytes)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
