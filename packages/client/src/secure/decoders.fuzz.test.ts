import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRoomSecrets } from './control-message.ts';
import { inviteKeyOf } from './invite-link.ts';
import { decodeOpened } from './opened-message.ts';
import { decodeMeta, decodePendingKeyPackage } from './secret-records.ts';

describe('secure-layer decoders on arbitrary bytes: a value or undefined, never a throw', () => {
  it('control messages, cache entries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        expect(() => decodeRoomSecrets(bytes)).not.toThrow();
        expect(() => decodeOpened(bytes)).not.toThrow();
        expect(() => decodeMeta(bytes)).not.toThrow();
        expect(() => decodePendingKeyPackage(bytes)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('invite links: any text gives a 32-byte key or undefined', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const found = inviteKeyOf(`https://yam.example/?room=r#${text}`);
        expect(found === undefined || found.length === 32).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
