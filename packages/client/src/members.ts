import type { ClientId, RoomId } from '@yam/protocol';
import type { PresenceInfo } from './types.ts';

/** Who is online per room: the `subscribed` snapshot, then presence changes. [P-ROOM3] */
export class RoomMembers {
  readonly #rooms = new Map<RoomId, Set<ClientId>>();

  /** Replaces a room's members with a subscription snapshot. */
  reset(room: RoomId, members: readonly ClientId[]): void {
    this.#rooms.set(room, new Set(members));
  }

  apply(presence: PresenceInfo): void {
    let members = this.#rooms.get(presence.room);
    if (!members) {
      members = new Set();
      this.#rooms.set(presence.room, members);
    }
    if (presence.state === 'online') members.add(presence.clientId);
    else members.delete(presence.clientId);
  }

  list(room: RoomId): ClientId[] {
    return [...(this.#rooms.get(room) ?? [])];
  }

  delete(room: RoomId): void {
    this.#rooms.delete(room);
  }

  /** Forgets everything: while offline nobody's presence is known. */
  clear(): void {
    this.#rooms.clear();
  }
}
