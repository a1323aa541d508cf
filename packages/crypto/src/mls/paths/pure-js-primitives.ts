import type { Hash, Kdf } from 'ts-mls';
import { equalBytes } from '../../bytes.ts';
import { hkdfExpand, hkdfExtract, hmacSha256, sha256 } from './sha256.ts';

/**
 * SHA-256, HMAC and HKDF for MLS in pure JavaScript (`sha256.ts`). MLS hashes and derives
 * many short values per message and per tree node; a synchronous hash of a few dozen bytes
 * is cheaper than one awaited Web Crypto call (a thread-pool job in Node, a task hop in
 * browsers), so both crypto paths use these. `sha256.ts` rather than @noble/hashes: an
 * HKDF-Expand of the message ratchet costs about a third (bench/README.md, "MLS").
 */
export const pureJsHash: Hash = {
  async digest(data) {
    return sha256(data);
  },
  async mac(key, data) {
    return hmacSha256(key, data);
  },
  async verifyMac(key, mac, data) {
    // equalBytes compares every byte whatever the first difference (no early exit).
    return equalBytes(hmacSha256(key, data), mac);
  },
};

/** HKDF-SHA256 (RFC 5869) for the MLS key schedule and secret tree. */
export const pureJsKdf: Kdf = {
  async extract(salt, ikm) {
    return hkdfExtract(salt, ikm);
  },
  async expand(prk, info, len) {
    return hkdfExpand(prk, info, len);
  },
  size: 32,
};
