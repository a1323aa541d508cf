import { sha256 } from '@noble/hashes/sha2.js';
import { buffer, concatBytes, equalBytes } from './bytes.ts';
import { CryptoError } from './crypto-error.ts';

/**
 * An encrypted attachment. `ciphertext` goes to the blob store; `key`, `hash` and `size`
 * travel inside the (MLS-encrypted) message, so the server holds bytes it cannot read and
 * the recipient can check it got exactly the blob the author uploaded.
 */
export type EncryptedAttachment = {
  /** nonce(12) | AES-256-GCM ciphertext and tag. */
  readonly ciphertext: Uint8Array;
  /** Fresh random 256-bit key, used for this file only. */
  readonly key: Uint8Array;
  /** SHA-256 of `ciphertext` (also usable as a content address). */
  readonly hash: Uint8Array;
  /** Plaintext length in bytes. */
  readonly size: number;
};

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts a file with a per-file random key (WebCrypto AES-256-GCM). */
export async function encryptAttachment(plaintext: Uint8Array): Promise<EncryptedAttachment> {
  const key = crypto.getRandomValues(new Uint8Array(32));
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const aesKey = await importKey(key, 'encrypt');
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, aesKey, buffer(plaintext)),
  );
  const ciphertext = concatBytes(nonce, sealed);
  return { ciphertext, key, hash: sha256(ciphertext), size: plaintext.length };
}

/**
 * Decrypts an attachment after checking its hash (so a swapped blob is named as such) and
 * its size; AES-GCM then authenticates the content under the key.
 */
export async function decryptAttachment(
  ciphertext: Uint8Array,
  ref: { key: Uint8Array; hash: Uint8Array; size: number },
): Promise<Uint8Array> {
  if (!equalBytes(sha256(ciphertext), ref.hash)) {
    throw new CryptoError('TAMPERED', 'attachment hash does not match');
  }
  if (ref.key.length !== 32) throw new CryptoError('DECODE_FAILED', 'attachment key is 32 bytes');
  if (ciphertext.length !== NONCE_BYTES + ref.size + TAG_BYTES) {
    throw new CryptoError('TAMPERED', 'attachment size does not match');
  }
  const aesKey = await importKey(ref.key, 'decrypt');
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: buffer(ciphertext.subarray(0, NONCE_BYTES)) },
      aesKey,
      buffer(ciphertext.subarray(NONCE_BYTES)),
    );
    return new Uint8Array(plain);
  } catch (cause) {
    throw new CryptoError('TAMPERED', 'attachment does not decrypt under its key', { cause });
  }
}

function importKey(key: Uint8Array, use: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', buffer(key), 'AES-GCM', false, [use]);
}
