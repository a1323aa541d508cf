import { buildRoomUrl, parseRoomId, parseRoomUrl, type RoomAddress } from '@yam/protocol';

/** What the page URL asks for. */
export type Route =
  | { kind: 'welcome' }
  | { kind: 'room'; address: RoomAddress }
  | { kind: 'invalid'; input: string };

/** The server this app was loaded from: its origin plus the app's base path. */
export function appServer(location: { origin: string; pathname: string }): string {
  const path = location.pathname.replace(/[^/]*$/, '');
  return `${location.origin}${path}`;
}

/**
 * Reads `?room=<Room URL>&name=<name>` (what the server redirects to) or `?room=<id>`
 * (a bare ID on this server). `&name=` names the room; it wins over a name in the URL.
 */
export function routeFromSearch(search: string, server: string): Route {
  const params = new URLSearchParams(search);
  const room = params.get('room');
  if (room === null || room.trim() === '') return { kind: 'welcome' };
  const name = params.get('name')?.trim() || undefined;
  const id = parseRoomId(room.trim());
  if (id) return { kind: 'room', address: withName({ server, room: id }, name) };
  const parsed = parseRoomUrl(room);
  if (!parsed.ok) return { kind: 'invalid', input: room };
  return { kind: 'room', address: withName(parsed.value, name ?? parsed.value.name) };
}

function withName(address: RoomAddress, name: string | undefined): RoomAddress {
  return name ? { ...address, name } : { server: address.server, room: address.room };
}

/** The app URL that opens `address`: `?room=<Room URL>&name=<name>`, so a reload reopens it. */
export function searchForRoom(address: RoomAddress): string {
  const params = new URLSearchParams();
  params.set('room', buildRoomUrl(address.server, address.room));
  if (address.name) params.set('name', address.name);
  return `?${params.toString()}`;
}
