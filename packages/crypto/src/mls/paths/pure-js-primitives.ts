import { gcm } from '@noble/ciphers/aes.js';
import { expand, extract } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { CiphersuiteImpl, Hash, Kdf } from 'ts-mls';
import { equalBytes } from '../../bytes.ts';

/**
 * SHA-256, HMAC and HKDF for MLS in pure JavaScript (@noble/hashes). MLS hashes and
 * derives many short values per message and per tree node; a synchronous hash of a few
 * dozen bytes is cheaper than one awaited Web Crypto call (a thread-pool job in Node, a
 * task hop in browsers), so both paths use these.
 */
export const pureJsHash: Hash = {
  async digest(data) {
    return sha256(data);
  },
  async mac(key, data) {
    return hmac(sha256, key, data);
  },
  async verifyMac(key, mac, data) {
    // equalBytes compares every byte whatever the first difference (no early exit).
    return equalBytes(hmac(sha256, key, data), mac);
  },
};

/** HKDF-SHA256 (RFC 5869) for the MLS key schedule and secret tree. */
export const pureJsKdf: Kdf = {
  async extract(salt, ikm) {
    return extract(sha256, ikm, salt);
  },
  async expand(prk, info, len) {
    return expand(sha256, prk, info, len);
  },
  size: 32,
};

/** AES-128-GCM for MLS message content and sender data, in pure JavaScript (@noble/ciphers). */
export function withPureJsAead(hpke: CiphersuiteImpl['hpke']): CiphersuiteImpl['hpke'] {
  return {
    ...hpke,
    async encryptAead(key, nonce, aad, plaintext) {
      return gcm(key, nonce, aad).encrypt(plaintext);
    },
    async decryptAead(key, nonce, aad, ciphertext) {
      return gcm(key, nonce, aad).decrypt(ciphertext);
    },
  };
}
