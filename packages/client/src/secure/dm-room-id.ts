import { sha256 } from '@noble/hashes/sha2.js';
import { LABELS } from '@yam/crypto';
import { type RoomId, toBase64Url } from '@yam/protocol';

/**
 * The room ID of the direct-message room of two clients: both sides derive the same one,
 * and it reveals nothing beyond the pair the server already routes for.
 */
export function dmRoomId(a: string, b: string): RoomId {
  const [first, second] = [a, b].sort();
  const digest = sha256(new TextEncoder().encode(`${LABELS.dmRoom}${first}\n${second}`));
  return `dm-${toBase64Url(digest).slice(0, 32)}` as RoomId;
}

/** Whether a room ID has the shape of a DM room. */
export function isDmRoomId(room: string): boolean {
  return /^dm-[A-Za-z0-9_-]{32}$/.test(room);
}
