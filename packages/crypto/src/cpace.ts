import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { bytesToNumberLE } from '@noble/curves/utils.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, equalBytes, utf8 } from './bytes.ts';
import { CryptoError, CryptoErrorCode } from './crypto-error.ts';

/**
 * CPace on ristretto255 with SHA-512 (CPACE-RISTR255-SHA512, draft-irtf-cfrg-cpace), in its
 * initiator/responder form, with the draft's optional explicit key confirmation. Checked
 * against the draft's published test vectors (cpace.test.ts). The strings below are the
 * draft's own constants, not Yam labels: changing them breaks interoperability with the spec.
 */
const DSI = utf8('CPaceRistretto255');
const DSI_ISK = utf8('CPaceRistretto255_ISK');
const MAC_PREFIX = utf8('CPaceMac');
/** SHA-512's input block size: the generator string pads PRS to fill the first block. */
const S_IN_BYTES = 128;
const Point = ristretto255.Point;
/** The neutral element's encoding, G.I. */
const IDENTITY = Point.ZERO.toBytes();

/** prepend_len: the LEB128 length of `data`, then `data`. */
export function prependLen(data: Uint8Array): Uint8Array {
  const length: number[] = [];
  let n = data.length;
  do {
    length.push(n < 128 ? n : (n & 0x7f) | 0x80);
    n >>>= 7;
  } while (n > 0);
  return concatBytes(Uint8Array.from(length), data);
}

/** prefix_free_cat: each part with its length prepended. */
export function prefixFreeCat(...parts: Uint8Array[]): Uint8Array {
  return concatBytes(...parts.map(prependLen));
}

/** generator_string(DSI, PRS, CI, sid, s_in_bytes) with the zero padding of the draft. */
export function generatorString(prs: Uint8Array, ci: Uint8Array, sid: Uint8Array): Uint8Array {
  const zpad = Math.max(0, S_IN_BYTES - 1 - prependLen(prs).length - prependLen(DSI).length);
  return prefixFreeCat(DSI, prs, new Uint8Array(zpad), ci, sid);
}

/** G.calculate_generator: the one-way map of SHA-512(generator string). */
export function calculateGenerator(prs: Uint8Array, ci: Uint8Array, sid: Uint8Array) {
  return ristretto255_hasher.deriveToCurve!(sha512(generatorString(prs, ci, sid)));
}

/** G.sample_scalar: 32 random bytes, bits above 252 cleared, little-endian (never 0). */
export function sampleScalar(): Uint8Array {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    bytes[31]! &= 0x0f;
    if (bytesToNumberLE(bytes) !== 0n) return bytes;
  }
}

function scalarOf(y: Uint8Array): bigint {
  const n = Point.Fn.create(bytesToNumberLE(y));
  if (n === 0n) throw new CryptoError(CryptoErrorCode.InvalidState, 'CPace scalar is zero');
  return n;
}

/** G.scalar_mult(y, g): the encoded share Y = g^y. */
export function scalarMult(y: Uint8Array, g: InstanceType<typeof Point>): Uint8Array {
  return g.multiply(scalarOf(y)).toBytes();
}

/** G.scalar_mult_vfy(y, X): encode(decode(X)^y), or G.I when X does not decode. */
export function scalarMultVfy(y: Uint8Array, encoded: Uint8Array): Uint8Array {
  let x: InstanceType<typeof Point>;
  try {
    x = Point.fromBytes(encoded);
  } catch {
    return IDENTITY;
  }
  return x.multiply(scalarOf(y)).toBytes();
}

/** True for the neutral element's encoding (the abort condition K = G.I). */
export function isIdentity(encoded: Uint8Array): boolean {
  return equalBytes(encoded, IDENTITY);
}

/** ISK for the initiator/responder setting: H(prefix_free_cat(DSI_ISK, sid, K) ‖ MSGa ‖ MSGb). */
export function intermediateSessionKey(
  sid: Uint8Array,
  k: Uint8Array,
  msgA: Uint8Array,
  msgB: Uint8Array,
): Uint8Array {
  return sha512(concatBytes(prefixFreeCat(DSI_ISK, sid, k), msgA, msgB));
}

/** The draft's key confirmation: mac_key = H("CPaceMac" ‖ ISK); a tag is HMAC(mac_key, own MSG). */
export function confirmationTag(isk: Uint8Array, ownMessage: Uint8Array): Uint8Array {
  return hmac(sha512, sha512(concatBytes(MAC_PREFIX, isk)), ownMessage);
}
