import { CryptoError } from '../crypto-error.ts';
import type { RoomGroup } from './room-group.ts';

/** Whether this device is still in the group (false once a commit removed it). */
export function isActive(group: RoomGroup): boolean {
  return group.state.groupActiveState.kind === 'active';
}

/** Throws NOT_MEMBER when this device was removed from the group. */
export function assertActive(group: RoomGroup): void {
  if (!isActive(group))
    throw new CryptoError('NOT_MEMBER', 'this device was removed from the room');
}
