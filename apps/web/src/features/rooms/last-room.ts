import { buildRoomUrl, parseRoomUrl, type RoomAddress } from '@yam/protocol';
import { readSetting, writeSetting } from '../settings/local-settings.ts';

const KEY = 'yam.lastRoom';

/** Remembers the room opened last, as its Room URL (with `&name=`). */
export function rememberLastRoom(address: RoomAddress): void {
  writeSetting(KEY, buildRoomUrl(address.server, address.room, address.name));
}

/** The room opened last, if any and still parseable. */
export function lastRoom(): RoomAddress | undefined {
  const text = readSetting(KEY);
  if (!text) return undefined;
  const parsed = parseRoomUrl(text);
  return parsed.ok ? parsed.value : undefined;
}

export function forgetLastRoom(): void {
  writeSetting(KEY, undefined);
}
