import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, equalBytes, utf8 } from './bytes.ts';
import {
  calculateGenerator,
  confirmationTag,
  intermediateSessionKey,
  isIdentity,
  prefixFreeCat,
  sampleScalar,
  scalarMult,
  scalarMultVfy,
} from './cpace.ts';
import { LABELS } from './labels.ts';

/**
 * A password join as one CPace run (cpace.ts) between the joiner (initiator A) and one
 * member (responder B), so nothing on the wire or on the server's disk lets anyone test a
 * password guess offline; each run tests at most one guess, online. [P-PAKE1]
 *
 * - PRS: the room's password key (scrypt of the password, room-password.ts), which members
 *   keep instead of the password.
 * - CI: label ‖ room ‖ joiner's client ID; sid: 16 random bytes of the joiner, sent with Ya.
 * - ADa: SHA-256 of the joiner's KeyPackage, so a KeyPackage swapped on the way fails the run
 *   and the admitted KeyPackage is the one the password holder sent.
 * - ADb: the answering member's client ID, so the joiner knows who proved the password.
 * - Confirmation (the draft's): the joiner sends Ta first; the member checks it before it
 *   answers with Tb and admits, so every wrong guess is seen by a member.
 */
export const PAKE_SID_BYTES = 16;
/** The joiner's share on the wire: sid ‖ Ya. */
export const PAKE_JOIN_SHARE_BYTES = PAKE_SID_BYTES + 32;
/** A member's share on the wire: Yb. */
export const PAKE_REPLY_BYTES = 32;
/** A confirmation tag: HMAC-SHA-512. */
export const PAKE_TAG_BYTES = 64;

export type PakeParties = {
  /** The room's password key (never the password). */
  passwordKey: Uint8Array;
  room: string;
  /** The joiner's client ID and KeyPackage, as the join request carries them. */
  joiner: string;
  keyPackage: Uint8Array;
};

/** What the joiner keeps between its request and the member's share. */
export type JoinerPake = {
  readonly share: Uint8Array;
  readonly sid: Uint8Array;
  readonly ya: Uint8Array;
};

/** What each side keeps after the shares are exchanged. */
export type PakeKeys = { readonly ta: Uint8Array; readonly tb: Uint8Array };

function channel(p: PakeParties): Uint8Array {
  return prefixFreeCat(utf8(LABELS.pakeChannel), utf8(p.room), utf8(p.joiner));
}

function msgA(ya: Uint8Array, p: PakeParties): Uint8Array {
  return prefixFreeCat(ya, sha256(p.keyPackage));
}

function keys(sid: Uint8Array, k: Uint8Array, a: Uint8Array, b: Uint8Array): PakeKeys {
  const isk = intermediateSessionKey(sid, k, a, b);
  return { ta: confirmationTag(isk, a), tb: confirmationTag(isk, b) };
}

/** Joiner, step 1: the share (sid ‖ Ya) its join request carries. */
export function pakeJoinerStart(p: PakeParties): JoinerPake {
  const sid = crypto.getRandomValues(new Uint8Array(PAKE_SID_BYTES));
  const ya = sampleScalar();
  const Ya = scalarMult(ya, calculateGenerator(p.passwordKey, channel(p), sid));
  return { share: concatBytes(sid, Ya), sid, ya };
}

/**
 * Member, step 2: its share Yb and the tags both sides will send, or undefined when the
 * joiner's share is malformed or degenerate (the draft's abort cases).
 */
export function pakeMemberReply(
  p: PakeParties,
  joinShare: Uint8Array,
  member: string,
): { reply: Uint8Array; keys: PakeKeys } | undefined {
  if (joinShare.length !== PAKE_JOIN_SHARE_BYTES) return undefined;
  const sid = joinShare.subarray(0, PAKE_SID_BYTES);
  const Ya = joinShare.subarray(PAKE_SID_BYTES);
  const yb = sampleScalar();
  const Yb = scalarMult(yb, calculateGenerator(p.passwordKey, channel(p), sid));
  const k = scalarMultVfy(yb, Ya);
  if (isIdentity(k)) return undefined;
  return { reply: Yb, keys: keys(sid, k, msgA(Ya, p), prefixFreeCat(Yb, utf8(member))) };
}

/** Joiner, step 3: the tags from the member's share, or undefined when it is degenerate. */
export function pakeJoinerKeys(
  p: PakeParties,
  start: JoinerPake,
  reply: Uint8Array,
  member: string,
): PakeKeys | undefined {
  if (reply.length !== PAKE_REPLY_BYTES) return undefined;
  const k = scalarMultVfy(start.ya, reply);
  if (isIdentity(k)) return undefined;
  const Ya = start.share.subarray(PAKE_SID_BYTES);
  return keys(start.sid, k, msgA(Ya, p), prefixFreeCat(reply, utf8(member)));
}

/** Constant-time check of a received confirmation tag. */
export function pakeTagValid(expected: Uint8Array, received: Uint8Array): boolean {
  return equalBytes(expected, received);
}
