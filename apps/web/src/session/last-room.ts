import { parseRoomUrl } from '@yam/protocol';
import type { Settings } from './own-profile.ts';
import { fallbackRoomName, newEntry, type RoomEntry } from './room-entry.ts';

/** Where earlier versions remembered the room opened last (a Room URL with `&name=`). */
const KEY = 'yam.lastRoom';

/**
 * Moves the old localStorage "last room" into a room-list entry (opened now, so it
 * reopens on start) and forgets the setting. Undefined when there was none.
 */
export function migrateLastRoom(settings: Settings, now = Date.now()): RoomEntry | undefined {
  const text = settings.read(KEY);
  if (text === undefined) return undefined;
  settings.write(KEY, undefined);
  const parsed = parseRoomUrl(text);
  if (!parsed.ok) return undefined;
  const { server, room, name } = parsed.value;
  return newEntry({ server, room }, name ?? fallbackRoomName(room), undefined, now);
}
