import { buildRoomUrl, type RoomId } from '@yam/protocol';

/**
 * Where a browser that opened a Room URL goes: the app, with the full Room URL as its
 * `room` parameter so the app knows which server to dial. [P-URL1]
 */
export function roomRedirectLocation(
  appUrl: string,
  serverBase: string,
  room: RoomId,
  name: string | undefined,
): string {
  const roomUrl = buildRoomUrl(serverBase, room, name);
  const base = appUrl.split('#')[0]!;
  const joiner = base.includes('?') ? '&' : '?';
  let location = `${base}${joiner}room=${encodeURIComponent(roomUrl)}`;
  if (name) location += `&name=${encodeURIComponent(name)}`;
  return location;
}
