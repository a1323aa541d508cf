import { IdbRoomList } from '../platform/idb/idb-room-list.ts';
import type { RoomEntry } from '../session/room-entry.ts';

/**
 * The name of the room the app will open, read straight from the room list so the first
 * paint can show it before the app's code arrives: the room the address names
 * (`?room=<Room URL>` or `?room=<id>`, see room-route.ts) when the list has it, else the
 * one opened last when the address names none. Undefined otherwise; never throws.
 */
export async function shellRoomName(search: string): Promise<string | undefined> {
  const wanted = new URLSearchParams(search).get('room')?.trim() || undefined;
  const list = new IdbRoomList<RoomEntry>();
  try {
    const entries = await list.list();
    if (wanted !== undefined) {
      return entries.find((e) => e.key === wanted || e.room === wanted)?.name;
    }
    let best: RoomEntry | undefined;
    for (const e of entries) if (!best || e.openedAt > best.openedAt) best = e;
    return best?.name;
  } catch {
    return undefined;
  } finally {
    void list.close().catch(() => undefined);
  }
}
