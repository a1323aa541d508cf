import { expand, extract } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { Hash, Kdf } from 'ts-mls';
import { equalBytes } from '../../bytes.ts';

/**
 * SHA-256, HMAC and HKDF for MLS in pure JavaScript (@noble/hashes). MLS hashes and
 * derives many short values per message and per tree node; a synchronous hash of a few
 * dozen bytes is cheaper than one awaited Web Crypto call (a thread-pool job in Node, a
 * task hop in browsers), so both crypto paths use these.
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
