import type { RoomId } from '@yam/protocol';
import type { DmJoined } from './secure-session.ts';

/** What a session needs from the app state when it opens. */
export type SessionHooks = {
  /** A DM someone else opened with this device (the room list adds it). */
  onDm: DmJoined;
  /** Opens (or creates) a DM room with `peer` on this server and shows it. */
  openDm(server: string, room: RoomId, name: string): Promise<void>;
};
