import type { RoomId } from '@yam/protocol';

export type RefusedRoomsHooks = {
  status(room: RoomId): Promise<'member' | 'removed' | 'none'>;
  /** Marks the room removed on this device (in the room's queue). */
  removed(room: RoomId): Promise<void>;
  failed(error: unknown, room: RoomId): void;
};

/**
 * Reads a refused subscription (NOT_MEMBER). For a room this device holds a live group of,
 * a commit removed it while it was away (the server no longer serves it that commit): the
 * same outcome as seeing the Remove. A room that has no group here yet, or that this
 * device is claiming right now, is simply not joined yet. [P-MEM4]
 */
export class RefusedRooms {
  readonly #hooks: RefusedRoomsHooks;
  readonly #claiming = new Set<RoomId>();

  constructor(hooks: RefusedRoomsHooks) {
    this.#hooks = hooks;
  }

  /**
   * Runs `work` while refusals of `room` are not removals: this device's claim of the room
   * (its epoch-0 commit), or its rejoin after a commit that falsely declared its removal
   * was voided. [P-MEM7]
   */
  async claiming<T>(room: RoomId, work: () => Promise<T>): Promise<T> {
    this.#claiming.add(room);
    try {
      return await work();
    } finally {
      this.#claiming.delete(room);
    }
  }

  /** The server refused to subscribe this device to `room`. */
  async refused(room: RoomId): Promise<void> {
    // Checked now, not in the room's queue: a subscription refused just before this device
    // claimed the room is answered while the claim is still in flight, and the queue would
    // only look once the new group is saved.
    if (this.#claiming.has(room)) return;
    try {
      if ((await this.#hooks.status(room)) === 'member') await this.#hooks.removed(room);
    } catch (error) {
      this.#hooks.failed(error, room);
    }
  }
}
