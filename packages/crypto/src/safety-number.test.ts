import { describe, expect, it } from 'vitest';
import { fromHex } from './bytes.ts';
import { createIdentity, identityFromSecretKey } from './identity.ts';
import {
  fingerprintDigits,
  formatSafetyNumber,
  matchesSafetyQr,
  SAFETY_NUMBER_ITERATIONS,
  safetyNumber,
  safetyNumberQrPayload,
} from './safety-number.ts';

// RFC 8032 test keys 1 and 2, so anyone can recompute these numbers.
const alice = identityFromSecretKey(
  fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'),
);
const bob = identityFromSecretKey(
  fromHex('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb'),
);

/** The documented algorithm again, on WebCrypto's SHA-512 instead of @noble/hashes. */
async function referenceDigits(publicKey: Uint8Array, clientId: string): Promise<string> {
  const sha512 = async (b: Uint8Array) =>
    new Uint8Array(await crypto.subtle.digest('SHA-512', Uint8Array.from(b)));
  let hash = await sha512(
    Uint8Array.from([0, 0, ...publicKey, ...new TextEncoder().encode(clientId)]),
  );
  for (let i = 0; i < 5200; i++) hash = await sha512(Uint8Array.from([...hash, ...publicKey]));
  let out = '';
  for (let c = 0; c < 6; c++) {
    const chunk = hash.slice(c * 5, c * 5 + 5).reduce((v, byte) => v * 256n + BigInt(byte), 0n);
    out += (chunk % 100000n).toString().padStart(5, '0');
  }
  return out;
}

describe('safety numbers', () => {
  it('match the known answer for the RFC 8032 keys', () => {
    expect(SAFETY_NUMBER_ITERATIONS).toBe(5200);
    expect(fingerprintDigits(alice)).toBe('803620162935863829460622766005');
    expect(fingerprintDigits(bob)).toBe('631860399443330838331145250328');
    expect(safetyNumber(alice, bob)).toBe(
      '631860399443330838331145250328803620162935863829460622766005',
    );
  });

  it('agree with an independent WebCrypto implementation of the same algorithm', async () => {
    const id = createIdentity();
    expect(fingerprintDigits(id)).toBe(await referenceDigits(id.publicKey, id.clientId));
  });

  it('are the same from both sides, 60 digits, and differ for another pair', () => {
    const a = createIdentity();
    const b = createIdentity();
    const n = safetyNumber(a, b);
    expect(n).toMatch(/^\d{60}$/);
    expect(safetyNumber(b, a)).toBe(n);
    expect(safetyNumber(a, createIdentity())).not.toBe(n);
    expect(formatSafetyNumber(n).split(' ')).toHaveLength(12);
  });

  it('change when a key is substituted under the same client ID', () => {
    const mallory = createIdentity();
    expect(safetyNumber(alice, bob)).not.toBe(
      safetyNumber(alice, { publicKey: mallory.publicKey, clientId: bob.clientId }),
    );
  });

  it('QR payload matches from both sides and not for another pair', () => {
    const payload = safetyNumberQrPayload(alice, bob);
    expect(payload).toBe(`yam-safety-v1:${safetyNumber(alice, bob)}`);
    expect(matchesSafetyQr(payload, bob, alice)).toBe(true);
    expect(matchesSafetyQr(payload, alice, createIdentity())).toBe(false);
  });
});
