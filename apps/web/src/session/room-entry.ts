import { buildRoomUrl, type RoomAddress, type RoomId } from '@yam/protocol';

/** One room in this device's room list. */
export type RoomEntry = {
  /** The Room URL without a name: unique per (server, room). */
  key: string;
  server: string;
  room: RoomId;
  name: string;
  /** The URL fragment the room was added with (the future invite key), kept for later. */
  invite?: string;
  addedAt: number;
  /** When it was last opened: the most recent one reopens on start. */
  openedAt: number;
  /** Highest seq seen while the room was open: newer messages from others are unread. */
  readSeq: number;
};

/** The list key of a room: its Room URL without `&name=`. */
export function roomKey(server: string, room: RoomId): string {
  return buildRoomUrl(server, room);
}

/** The full Room URL to share, including `&name=`. */
export function roomUrlOf(entry: Pick<RoomEntry, 'server' | 'room' | 'name'>): string {
  return buildRoomUrl(entry.server, entry.room, entry.name);
}

export function addressOf(entry: RoomEntry): RoomAddress {
  return { server: entry.server, room: entry.room, name: entry.name };
}

/** A new list entry for a room about to be opened. */
export function newEntry(
  address: { server: string; room: RoomId },
  name: string,
  invite: string | undefined,
  now = Date.now(),
): RoomEntry {
  const entry: RoomEntry = {
    key: roomKey(address.server, address.room),
    server: address.server,
    room: address.room,
    name,
    addedAt: now,
    openedAt: now,
    readSeq: 0,
  };
  if (invite) entry.invite = invite;
  return entry;
}

/** The room opened most recently, if any. */
export function lastOpened(entries: readonly RoomEntry[]): RoomEntry | undefined {
  let best: RoomEntry | undefined;
  for (const e of entries) if (!best || e.openedAt > best.openedAt) best = e;
  return best;
}

/** A room without a name is shown by its ID, shortened when it is a long random one. */
export function fallbackRoomName(id: string): string {
  return `Room ${id.length > 16 ? `${id.slice(0, 8)}…` : id}`;
}
