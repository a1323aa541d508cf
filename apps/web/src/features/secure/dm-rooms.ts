import type { RoomId } from '@yam/protocol';

/** What the room list does with rooms the secure layer opens (set once by the App). */
export type RoomListHooks = {
  /** A room this device should list and open now (a DM it started). */
  open(server: string, room: RoomId, name: string): Promise<void>;
  /** A room a Welcome added us to (a DM someone else started): list it, do not open it. */
  listed(server: string, room: RoomId, name: string): Promise<void>;
};

let hooks: RoomListHooks | undefined;

/** Connects the secure layer to the room list. */
export function setRoomListHooks(next: RoomListHooks): void {
  hooks = next;
}

/** The room list hooks, when the App has set them. */
export function roomListHooks(): RoomListHooks | undefined {
  return hooks;
}
