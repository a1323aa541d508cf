import { createHash } from 'node:crypto';
import { dmRoomPreimage, isDmRoom } from '@yam/protocol';

/**
 * The DM room of two clients, derived as the SDK derives it (node:crypto here: the server
 * never imports the crypto package). [P-MEM5]
 */
export function dmRoomOf(a: string, b: string): string {
  const digest = createHash('sha256').update(dmRoomPreimage(a, b)).digest('base64url');
  return `dm-${digest.slice(0, 32)}`;
}

/**
 * Whether a commit may go into a room as far as DMs are concerned: a DM holds its two
 * people only, so every Welcome recipient must be the sender's DM partner for this room,
 * and the first commit (the claim) must add that partner. Other rooms: always. [P-MEM5]
 */
export function dmCommitAllowed(
  room: string,
  from: string,
  epoch: number,
  welcomeTo: readonly string[] | undefined,
): boolean {
  if (!isDmRoom(room)) return true;
  const to = welcomeTo ?? [];
  if (epoch === 0 && to.length === 0) return false;
  return to.every((peer) => dmRoomOf(from, peer) === room);
}
