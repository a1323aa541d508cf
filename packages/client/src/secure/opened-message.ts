import type { ClientId, ClientMsgId, RoomId } from '@yam/protocol';

/** Why a room message has no readable body. */
export type OpenProblem =
  | 'before-join' // sent before this device joined: MLS gives a joiner no older keys
  | 'unreadable' // failed to decrypt or verify (tampered, or keys already gone)
  | 'not-member'; // this device is not (or no longer) in the room's group

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
  problem?: OpenProblem;
};

const PROBLEMS: readonly (OpenProblem | undefined)[] = [
  undefined,
  'before-join',
  'unreadable',
  'not-member',
];

/** Cache key of a message's plaintext. */
export function openedKey(room: string, from: string, cmid: string): string {
  return `${room}\n${from}\n${cmid}`;
}

/** Cache form: one status byte, then the body. */
export function encodeOpened(result: { body?: Uint8Array; problem?: OpenProblem }): Uint8Array {
  const body = result.body ?? new Uint8Array(0);
  const out = new Uint8Array(body.length + 1);
  out[0] = Math.max(0, PROBLEMS.indexOf(result.problem));
  out.set(body, 1);
  return out;
}

export function decodeOpened(bytes: Uint8Array): { body?: Uint8Array; problem?: OpenProblem } {
  const status = bytes[0] ?? 2;
  if (status === 0) return { body: bytes.slice(1) };
  return { problem: PROBLEMS[status] ?? 'unreadable' };
}
