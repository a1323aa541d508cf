import { isActive, membersOf, type RoomMember } from '@yam/crypto';
import type { SecureRooms } from './secure-rooms.ts';

/**
 * The members of a room's MLS group with their signature public keys, in leaf order; empty
 * when this device is not a member. The keys come from the group's ratchet tree, which every
 * member agrees on, so they are what safety numbers must be computed from.
 */
export async function memberKeys(rooms: SecureRooms, room: string): Promise<RoomMember[]> {
  const group = await rooms.group(room);
  return group && isActive(group) ? membersOf(group) : [];
}
