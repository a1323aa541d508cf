import { signal } from '@preact/signals';
import type { DeviceIdentity } from '@yam/crypto';
import { buildRoomUrl } from '@yam/protocol';
import { addressOf, fallbackRoomName } from '../features/rooms/room-entry.ts';
import { checkRoomUrl } from '../features/rooms/room-input.ts';
import { RoomList } from '../features/rooms/room-list.ts';
import { appServer, routeFromSearch, searchForRoom } from '../features/rooms/room-route.ts';
import { IdbRoomList } from '../platform/idb/idb-room-list.ts';

/** The server the app was loaded from. */
export const homeServer = appServer(location);

/** Which room dialog is open, with what the "Add room" dialog starts with. */
export type RoomDialog =
  | { kind: 'add'; url: string; name: string; invite?: string; error?: string }
  | { kind: 'create' }
  | { kind: 'configure' };

export const roomDialog = signal<RoomDialog | undefined>(undefined);
/** False until the room list has been read from IndexedDB. */
export const roomsReady = signal(false);

/** Creates the room list, reads it, and applies the page URL (done once, by the App). */
export function startRooms(identity: DeviceIdentity): RoomList {
  const rooms = new RoomList(identity, new IdbRoomList());
  void rooms.load().then(() => {
    applyLocation(rooms, true);
    roomsReady.value = true;
    addEventListener('popstate', () => applyLocation(rooms, false));
  });
  return rooms;
}

/** Opens a listed room and puts it in the address bar, so a reload reopens it. */
export function showRoom(rooms: RoomList, key: string, mode: 'push' | 'replace' = 'push'): void {
  rooms.open(key);
  const entry = rooms.current.value;
  if (entry) writeUrl(searchForRoom(addressOf(entry)), mode);
}

/** No room: the welcome screen. */
export function goHome(rooms: RoomList): void {
  rooms.close();
  writeUrl('?home', 'push');
}

/** Puts the current room back in the address bar (after a dialog was dismissed, a rename). */
export function syncUrl(rooms: RoomList): void {
  const entry = rooms.current.value;
  writeUrl(entry ? searchForRoom(addressOf(entry)) : '?home', 'replace');
}

/** After a room was removed: the most recent remaining room, or the welcome screen. */
export function showNextRoom(rooms: RoomList): void {
  const next = rooms.lastOpened();
  if (next) showRoom(rooms, next.key, 'replace');
  else syncUrl(rooms);
}

/**
 * The page URL decides: a listed room opens; an unlisted Room URL (what the server's
 * redirect produces) opens "Add room" pre-filled, keeping any `#fragment` (the future
 * invite key); no room reopens the last one.
 */
function applyLocation(rooms: RoomList, initial: boolean): void {
  const params = new URLSearchParams(location.search);
  const route = routeFromSearch(location.search, homeServer);
  const invite = location.hash.length > 1 ? location.hash.slice(1) : undefined;
  if (route.kind === 'room') {
    const { server, room } = route.address;
    // Invite links carry the room name in the fragment, so the server never sees it.
    const name =
      route.address.name ?? (new URLSearchParams(invite ?? '').get('name')?.trim() || undefined);
    const known = rooms.find(server, room);
    if (known) {
      showRoom(rooms, known.key, 'replace');
      return;
    }
    if (initial) reopenLast(rooms);
    roomDialog.value = {
      kind: 'add',
      url: buildRoomUrl(server, room, name),
      // A Room URL without a name still needs one in the list: offer a plain default.
      name: name ?? fallbackRoomName(room),
      ...(invite ? { invite } : {}),
    };
    return;
  }
  if (route.kind === 'invalid') {
    if (initial) reopenLast(rooms);
    const checked = checkRoomUrl(route.input);
    roomDialog.value = {
      kind: 'add',
      url: route.input,
      name: params.get('name') ?? '',
      ...(invite ? { invite } : {}),
      ...(checked.ok ? {} : { error: checked.message }),
    };
    return;
  }
  if (initial && !params.has('home')) {
    const last = rooms.lastOpened();
    if (last) {
      showRoom(rooms, last.key, 'replace');
      return;
    }
  }
  rooms.close();
}

/** Shows the last room under a dialog, without touching the address bar. */
function reopenLast(rooms: RoomList): void {
  const last = rooms.lastOpened();
  if (last) rooms.open(last.key);
}

function writeUrl(search: string, mode: 'push' | 'replace'): void {
  if (location.search === search && !location.hash) return;
  if (mode === 'push') history.pushState(null, '', search);
  else history.replaceState(null, '', search);
}
