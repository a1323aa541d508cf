/**
 * SHA-256 (FIPS 180-4), HMAC-SHA256 (RFC 2104) and HKDF-SHA256 (RFC 5869), written for the
 * many short inputs MLS hashes per message: the message ratchet derives five or six
 * secrets of 32 bytes or less from labels of a few dozen bytes, each with a fresh key.
 * @noble/hashes builds two hash objects, a padded key copy and DataViews per HMAC; here the
 * work happens on module-level scratch arrays (all of it synchronous, so calls never
 * interleave), the HMAC pads are compressed once per key and reused for every HKDF block,
 * and the inputs are hashed in parts instead of concatenated. Only 32-bit integer
 * arithmetic, no table indexed by secret data: the time depends on lengths only.
 * Checked against the FIPS/RFC answers and against @noble/hashes on random inputs
 * (`sha256.test.ts`).
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const IV = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

export const SHA256_BYTES = 32;
const BLOCK_BYTES = 64;

// Scratch space, reused by every call (each call runs to completion before the next).
const w = new Int32Array(64);
const block = new Uint8Array(BLOCK_BYTES);
const state = new Int32Array(8);
const inner = new Uint8Array(SHA256_BYTES);
const pad = new Uint8Array(BLOCK_BYTES);
const counter = new Uint8Array(1);

/** One compression of the 64 bytes of `bytes` at `offset` into the state `s`. */
function compress(s: Int32Array, bytes: Uint8Array, offset: number): void {
  for (let t = 0, o = offset; t < 16; t++, o += 4) {
    w[t] = (bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!;
  }
  for (let t = 16; t < 64; t++) {
    const a = w[t - 15]!;
    const b = w[t - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
  }
  let a = s[0]!;
  let b = s[1]!;
  let c = s[2]!;
  let d = s[3]!;
  let e = s[4]!;
  let f = s[5]!;
  let g = s[6]!;
  let h = s[7]!;
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t]! + w[t]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  s[0] = (s[0]! + a) | 0;
  s[1] = (s[1]! + b) | 0;
  s[2] = (s[2]! + c) | 0;
  s[3] = (s[3]! + d) | 0;
  s[4] = (s[4]! + e) | 0;
  s[5] = (s[5]! + f) | 0;
  s[6] = (s[6]! + g) | 0;
  s[7] = (s[7]! + h) | 0;
}

/**
 * Hashes `parts` (as if concatenated) on top of the state `s`, which has already
 * compressed `doneBytes` (a multiple of 64), and writes the 32-byte digest to `out` at
 * `outOffset`. `s` is consumed.
 */
function finish(
  s: Int32Array,
  doneBytes: number,
  parts: readonly Uint8Array[],
  out: Uint8Array,
  outOffset: number,
): void {
  let fill = 0;
  let total = doneBytes;
  for (const part of parts) {
    const n = part.length;
    total += n;
    let i = 0;
    if (fill > 0) {
      while (fill < BLOCK_BYTES && i < n) block[fill++] = part[i++]!;
      if (fill < BLOCK_BYTES) continue;
      compress(s, block, 0);
      fill = 0;
    }
    for (; n - i >= BLOCK_BYTES; i += BLOCK_BYTES) compress(s, part, i);
    while (i < n) block[fill++] = part[i++]!;
  }
  block[fill++] = 0x80;
  if (fill > BLOCK_BYTES - 8) {
    block.fill(0, fill);
    compress(s, block, 0);
    fill = 0;
  }
  block.fill(0, fill, BLOCK_BYTES - 8);
  // The message length in bits, as a 64-bit big-endian number (inputs stay far below 2^53).
  const high = Math.floor(total / 0x20000000);
  const low = (total * 8) >>> 0;
  block[56] = high >>> 24;
  block[57] = high >>> 16;
  block[58] = high >>> 8;
  block[59] = high;
  block[60] = low >>> 24;
  block[61] = low >>> 16;
  block[62] = low >>> 8;
  block[63] = low;
  compress(s, block, 0);
  for (let i = 0, o = outOffset; i < 8; i++, o += 4) {
    const v = s[i]!;
    out[o] = v >>> 24;
    out[o + 1] = v >>> 16;
    out[o + 2] = v >>> 8;
    out[o + 3] = v;
  }
  block.fill(0);
}

/** SHA-256 of `data`. */
export function sha256(data: Uint8Array): Uint8Array {
  state.set(IV);
  const out = new Uint8Array(SHA256_BYTES);
  finish(state, 0, [data], out, 0);
  state.fill(0);
  return out;
}

/** An HMAC-SHA256 key made ready: the states after the inner and the outer pad. */
export type HmacKey = { readonly inner: Int32Array; readonly outer: Int32Array };

/** Compresses the key's inner and outer pads once, for any number of MACs with it. */
export function hmacKey(key: Uint8Array): HmacKey {
  const k = key.length > BLOCK_BYTES ? sha256(key) : key;
  const prepared = { inner: new Int32Array(IV), outer: new Int32Array(IV) };
  for (let i = 0; i < BLOCK_BYTES; i++) pad[i] = (k[i] ?? 0) ^ 0x36;
  compress(prepared.inner, pad, 0);
  for (let i = 0; i < BLOCK_BYTES; i++) pad[i] = (k[i] ?? 0) ^ 0x5c;
  compress(prepared.outer, pad, 0);
  pad.fill(0);
  return prepared;
}

/** HMAC-SHA256 with a prepared key over `parts` (as if concatenated), into `out` at `offset`. */
function macInto(key: HmacKey, parts: readonly Uint8Array[], out: Uint8Array, offset: number) {
  state.set(key.inner);
  finish(state, BLOCK_BYTES, parts, inner, 0);
  state.set(key.outer);
  finish(state, BLOCK_BYTES, [inner], out, offset);
  state.fill(0);
  inner.fill(0);
}

/** Forgets a prepared key's pad states. */
function wipe(key: HmacKey): void {
  key.inner.fill(0);
  key.outer.fill(0);
}

/** HMAC-SHA256(key, data). */
export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  const prepared = hmacKey(key);
  const out = new Uint8Array(SHA256_BYTES);
  macInto(prepared, [data], out, 0);
  wipe(prepared);
  return out;
}

/** HKDF-Extract (RFC 5869): HMAC(salt, ikm); an empty salt means 32 zero bytes (same MAC). */
export function hkdfExtract(salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return hmacSha256(salt, ikm);
}

/**
 * HKDF-Expand (RFC 5869): `length` bytes (at most 255 x 32) from `prk` and `info`. A PRK
 * shorter than the hash is refused, as @noble/hashes (the code this replaces) refuses it.
 */
export function hkdfExpand(prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  if (prk.length < SHA256_BYTES) throw new RangeError('an HKDF-SHA256 PRK is at least 32 bytes');
  if (!Number.isInteger(length) || length < 0 || length > 255 * SHA256_BYTES) {
    throw new RangeError('HKDF-SHA256 output is 0 to 8160 bytes');
  }
  const blocks = Math.ceil(length / SHA256_BYTES);
  const out = new Uint8Array(blocks * SHA256_BYTES);
  const prepared = hmacKey(prk);
  for (let i = 0; i < blocks; i++) {
    counter[0] = i + 1;
    // T(1) = HMAC(PRK, info | 0x01); T(i) = HMAC(PRK, T(i-1) | info | i).
    const parts =
      i === 0
        ? [info, counter]
        : [out.subarray((i - 1) * SHA256_BYTES, i * SHA256_BYTES), info, counter];
    macInto(prepared, parts, out, i * SHA256_BYTES);
  }
  wipe(prepared);
  counter[0] = 0;
  if (blocks * SHA256_BYTES === length) return out;
  const cut = out.slice(0, length);
  out.fill(0);
  return cut;
}
