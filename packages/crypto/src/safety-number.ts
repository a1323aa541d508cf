import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8 } from './bytes.ts';
import { LABELS } from './labels.ts';

/**
 * Safety numbers, after Signal's NumericFingerprint: per member, SHA-512 over
 * version(2 bytes, 0) | publicKey | clientId, then 5,200 rounds of
 * hash = SHA-512(hash | publicKey). The first 30 bytes give six 5-digit groups
 * (each 5-byte big-endian chunk mod 100000). The two 30-digit halves are sorted and
 * joined, so both members compute the same 60 digits. 5,200 rounds make a targeted
 * near-collision costly while staying a few milliseconds on a phone.
 */
export const SAFETY_NUMBER_ITERATIONS = 5200;
const VERSION = Uint8Array.of(0, 0);

/** A member as the safety number sees it. */
export type SafetyNumberParty = { readonly publicKey: Uint8Array; readonly clientId: string };

/** The 30-digit fingerprint of one member. */
export function fingerprintDigits(party: SafetyNumberParty): string {
  let hash = sha512(concatBytes(VERSION, party.publicKey, utf8(party.clientId)));
  for (let i = 0; i < SAFETY_NUMBER_ITERATIONS; i++) {
    hash = sha512(concatBytes(hash, party.publicKey));
  }
  let digits = '';
  for (let chunk = 0; chunk < 6; chunk++) {
    let value = 0;
    // 5 bytes = 40 bits: exact in a double (< 2^53).
    for (let i = 0; i < 5; i++) value = value * 256 + hash[chunk * 5 + i]!;
    digits += String(value % 100000).padStart(5, '0');
  }
  return digits;
}

/** The 60-digit safety number of a pair of members; identical from both sides. */
export function safetyNumber(a: SafetyNumberParty, b: SafetyNumberParty): string {
  const [first, second] = [fingerprintDigits(a), fingerprintDigits(b)].sort();
  return `${first}${second}`;
}

/** Groups of five digits for display: "12345 67890 ...". */
export function formatSafetyNumber(digits: string): string {
  return digits.match(/.{1,5}/g)?.join(' ') ?? '';
}

/** The QR code payload for a pair: a versioned prefix and the 60 digits. */
export function safetyNumberQrPayload(a: SafetyNumberParty, b: SafetyNumberParty): string {
  return `${LABELS.safetyQr}${safetyNumber(a, b)}`;
}

/** Whether a scanned QR payload matches the pair's safety number. */
export function matchesSafetyQr(
  payload: string,
  a: SafetyNumberParty,
  b: SafetyNumberParty,
): boolean {
  return payload === safetyNumberQrPayload(a, b);
}
