import { gcm } from '@noble/ciphers/aes.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { LABELS } from './labels.ts';

/** Bytes of an invite key: random, one-time, never a room secret. */
export const INVITE_KEY_BYTES = 32;

// Labels keep the invite key's two uses apart from each other and from every other key use.
const MAC_LABEL = new TextEncoder().encode(LABELS.inviteMac);
const INFO_LABEL = new TextEncoder().encode(LABELS.inviteInfo);

/** A fresh one-time invite key. */
export function createInviteKey(): Uint8Array {
  return randomBytes(INVITE_KEY_BYTES);
}

/**
 * The join-request MAC: HMAC-SHA256(inviteKey, label ‖ room ‖ "\n" ‖ keyPackage). It binds
 * the KeyPackage, so a relay that swaps it makes the MAC fail. (Room IDs have no "\n".)
 */
export function inviteMac(inviteKey: Uint8Array, room: string, keyPackage: Uint8Array): Uint8Array {
  const roomBytes = new TextEncoder().encode(`${room}\n`);
  const input = new Uint8Array(MAC_LABEL.length + roomBytes.length + keyPackage.length);
  input.set(MAC_LABEL, 0);
  input.set(roomBytes, MAC_LABEL.length);
  input.set(keyPackage, MAC_LABEL.length + roomBytes.length);
  return hmac(sha256, inviteKey, input);
}

/** Constant-time check of a join-request MAC. */
export function verifyInviteMac(
  inviteKey: Uint8Array,
  room: string,
  keyPackage: Uint8Array,
  mac: Uint8Array,
): boolean {
  const expected = inviteMac(inviteKey, room, keyPackage);
  if (mac.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < mac.length; i++) diff |= mac[i]! ^ expected[i]!;
  return diff === 0;
}

/** What a joiner tells the members holding its invite (encrypted: the server sees none of it). */
export type JoinDetails = { name?: string };

/** Encrypts join details under a key derived from the invite key (AES-256-GCM). */
export function sealJoinInfo(
  inviteKey: Uint8Array,
  room: string,
  details: JoinDetails,
): Uint8Array {
  const nonce = randomBytes(12);
  const plain = new TextEncoder().encode(JSON.stringify(details));
  const sealed = gcm(infoKey(inviteKey, room), nonce).encrypt(plain);
  const out = new Uint8Array(nonce.length + sealed.length);
  out.set(nonce, 0);
  out.set(sealed, nonce.length);
  return out;
}

/** Opens join details; undefined when they do not decrypt or parse (never throws). */
export function openJoinInfo(
  inviteKey: Uint8Array,
  room: string,
  sealed: Uint8Array,
): JoinDetails | undefined {
  if (sealed.length < 12 + 16 || sealed.length > 2048) return undefined;
  try {
    const plain = gcm(infoKey(inviteKey, room), sealed.subarray(0, 12)).decrypt(
      sealed.subarray(12),
    );
    const json: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
    if (typeof json !== 'object' || json === null) return undefined;
    const name = (json as Record<string, unknown>).name;
    return typeof name === 'string' ? { name: name.slice(0, 64) } : {};
  } catch {
    return undefined;
  }
}

function infoKey(inviteKey: Uint8Array, room: string): Uint8Array {
  return hkdf(sha256, inviteKey, new TextEncoder().encode(room), INFO_LABEL, 32);
}
