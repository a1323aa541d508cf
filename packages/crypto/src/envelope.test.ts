import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCryptoError } from './crypto-error.ts';
import {
  decodeEnvelope,
  ENVELOPE_LIMITS,
  encodeEnvelope,
  envelopeAuthor,
  sealEnvelope,
  verifyEnvelope,
} from './envelope.ts';
import { createIdentity } from './identity.ts';

const id = createIdentity();
const body = new TextEncoder().encode('{"text":"hello"}');

describe('message envelope', () => {
  it('round-trips and verifies; the author is the signer', () => {
    const env = sealEnvelope(id, { room: 'room-1', messageId: 'msg-1', body });
    const back = decodeEnvelope(encodeEnvelope(env));
    expect(back).toEqual(env);
    expect(verifyEnvelope(back)).toBe(true);
    expect(envelopeAuthor(back)).toBe(id.clientId);
  });

  it('any flipped bit fails to decode or to verify (tamper test)', () => {
    const bytes = encodeEnvelope(sealEnvelope(id, { room: 'room-1', messageId: 'msg-1', body }));
    for (let i = 0; i < bytes.length; i++) {
      for (const bit of [0x01, 0x80]) {
        const bad = bytes.slice();
        bad[i]! ^= bit;
        let ok = false;
        try {
          ok = verifyEnvelope(decodeEnvelope(bad));
        } catch (err) {
          expect(isCryptoError(err)).toBe(true);
        }
        expect(ok, `byte ${i} bit ${bit}`).toBe(false);
      }
    }
  });

  it('a signature moved to another room or author does not verify', () => {
    const env = sealEnvelope(id, { room: 'room-1', messageId: 'msg-1', body });
    expect(verifyEnvelope({ ...env, room: 'room-2' })).toBe(false);
    expect(verifyEnvelope({ ...env, authorKey: createIdentity().publicKey })).toBe(false);
  });

  it('enforces caps with typed errors', () => {
    const big = new Uint8Array(ENVELOPE_LIMITS.maxBodyBytes + 1);
    expect(() => sealEnvelope(id, { room: 'r', messageId: 'm', body: big })).toThrow(
      expect.objectContaining({ code: 'TOO_LARGE' }),
    );
    expect(() => decodeEnvelope(new Uint8Array(ENVELOPE_LIMITS.maxEnvelopeBytes + 1))).toThrow(
      expect.objectContaining({ code: 'TOO_LARGE' }),
    );
    expect(() => sealEnvelope(id, { room: 'r'.repeat(129), messageId: 'm', body })).toThrow(
      expect.objectContaining({ code: 'DECODE_FAILED' }),
    );
  });

  it('fuzz: decoding random bytes gives only typed errors', () => {
    const valid = encodeEnvelope(sealEnvelope(id, { room: 'room-1', messageId: 'msg-1', body }));
    const mutated = fc
      .tuple(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 }), fc.nat(valid.length))
      .map(([at, xor, cut]) => {
        const b = valid.slice(0, Math.max(cut, 1));
        if (at < b.length) b[at]! ^= xor;
        return b;
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 512 }), mutated), (bytes) => {
        try {
          const env = decodeEnvelope(bytes);
          verifyEnvelope(env);
        } catch (err) {
          if (!isCryptoError(err)) throw err;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
