import { decodeEnvelope } from '@yam/crypto';
import type { ClientId, ClientMsgId, RoomId } from '@yam/protocol';

/** Why a room message has no readable body. */
export type OpenProblem =
  | 'before-join' // sent before this device joined: MLS gives a joiner no older keys
  | 'unreadable' // failed to decrypt or verify (tampered, or keys already gone)
  | 'not-member' // this device is not (or no longer) in the room's group
  | 'erased'; // its author (or a moderator) deleted it: the text was forgotten here

/** A room application message after decryption and signature check. */
export type OpenedMessage = {
  room: RoomId;
  seq: number;
  /** The author: the server's sender, checked against the content signature. */
  from: ClientId;
  cmid: ClientMsgId;
  ts: number;
  /** The signed content bytes; absent when `problem` says why. */
  body?: Uint8Array;
  /**
   * The author's signed envelope (`encodeEnvelope` bytes) the body came from: what this
   * device forwards when a later member asks for history. [P-SIG6]
   */
  envelope?: Uint8Array;
  /** Set when another member forwarded it (history from before this device joined). */
  sharedBy?: ClientId;
  problem?: OpenProblem;
};

/** What the plaintext cache holds for one message. */
export type OpenedContent = { body?: Uint8Array; envelope?: Uint8Array; problem?: OpenProblem };

/** Status byte of a readable message cached with its signed envelope (not a problem). */
const WITH_ENVELOPE = 4;

const PROBLEMS: readonly (OpenProblem | undefined)[] = [
  undefined,
  'before-join',
  'unreadable',
  'not-member',
  undefined, // WITH_ENVELOPE
  'erased',
];

/** Cache key of a message's plaintext. */
export function openedKey(room: string, from: string, cmid: string): string {
  return `${room}\n${from}\n${cmid}`;
}

/**
 * Cache form: one status byte, then the body — or, for status 4, the whole signed
 * envelope (its body inside), so that it can be forwarded and checked by others later.
 */
export function encodeOpened(result: OpenedContent): Uint8Array {
  if (result.envelope && !result.problem) {
    const out = new Uint8Array(result.envelope.length + 1);
    out[0] = WITH_ENVELOPE;
    out.set(result.envelope, 1);
    return out;
  }
  const body = result.body ?? new Uint8Array(0);
  const out = new Uint8Array(body.length + 1);
  out[0] = Math.max(0, PROBLEMS.indexOf(result.problem));
  out.set(body, 1);
  return out;
}

/** Reads the cache form back; a record that does not decode is 'unreadable'. */
export function decodeOpened(bytes: Uint8Array): OpenedContent {
  const status = bytes[0] ?? 2;
  if (status === 0) return { body: bytes.slice(1) };
  if (status === WITH_ENVELOPE) {
    const envelope = bytes.slice(1);
    try {
      return { body: decodeEnvelope(envelope).body, envelope };
    } catch {
      return { problem: 'unreadable' };
    }
  }
  return { problem: PROBLEMS[status] ?? 'unreadable' };
}
