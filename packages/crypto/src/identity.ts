import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { AUTH_LABEL_BYTES, LABELS } from './labels.ts';

/**
 * A device identity: an Ed25519 signature key pair. The client ID is the base64url
 * SHA-256 of the public key, so it certifies itself: no key server, no password.
 */
export type DeviceIdentity = {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
  readonly clientId: string;
};

/** Creates a fresh identity from the platform's CSPRNG. */
export function createIdentity(): DeviceIdentity {
  return identityFromSecretKey(ed25519.utils.randomSecretKey());
}

/** Rebuilds an identity from its 32-byte secret key. */
export function identityFromSecretKey(secretKey: Uint8Array): DeviceIdentity {
  if (secretKey.length !== 32) throw new RangeError('an Ed25519 secret key is 32 bytes');
  const publicKey = ed25519.getPublicKey(secretKey);
  return { publicKey, secretKey: secretKey.slice(), clientId: clientIdOf(publicKey) };
}

/** Client ID of a public key: base64url(SHA-256(publicKey)), 43 characters. */
export function clientIdOf(publicKey: Uint8Array): string {
  return base64url(sha256(publicKey));
}

/**
 * Signs the server's auth challenge (`authMessage` bytes from @yam/protocol, which begin
 * with the auth label). Refuses anything else, so this key use stays separate from
 * message signatures.
 */
export function signAuthChallenge(identity: DeviceIdentity, message: Uint8Array): Uint8Array {
  if (!startsWith(message, AUTH_LABEL_BYTES)) {
    throw new Error('signAuthChallenge signs only auth challenges');
  }
  return ed25519.sign(message, identity.secretKey);
}

/** Verifies an auth challenge signature (used by tests and tools; the server has its own). */
export function verifyAuthChallenge(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (!startsWith(message, AUTH_LABEL_BYTES)) return false;
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

export { LABELS };

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
function base64url(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += ALPHABET[(value >> bits) & 63];
    }
  }
  if (bits > 0) out += ALPHABET[(value << (6 - bits)) & 63];
  return out;
}
