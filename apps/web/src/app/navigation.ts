import { signal } from '@preact/signals';
import type { RoomAddress } from '@yam/protocol';
import { lastRoom, rememberLastRoom } from '../features/rooms/last-room.ts';
import {
  appServer,
  type Route,
  routeFromSearch,
  searchForRoom,
} from '../features/rooms/room-route.ts';

/** The server the app was loaded from. */
export const homeServer = appServer(location);

/** What the app shows: driven by the page URL, falling back to the last room opened. */
export const route = signal<Route>(initialRoute());

function initialRoute(): Route {
  const fromUrl = routeFromSearch(location.search, homeServer);
  if (fromUrl.kind !== 'welcome' || new URLSearchParams(location.search).has('home')) {
    if (fromUrl.kind === 'room') rememberLastRoom(fromUrl.address);
    return fromUrl;
  }
  const last = lastRoom();
  if (!last) return fromUrl;
  history.replaceState(null, '', searchForRoom(last));
  return { kind: 'room', address: last };
}

/** Opens a room: new history entry, remembered for the next visit. */
export function openRoom(address: RoomAddress): void {
  rememberLastRoom(address);
  history.pushState(null, '', searchForRoom(address));
  route.value = { kind: 'room', address };
}

/** Back to the welcome screen (keeps the last room remembered for later visits). */
export function goHome(): void {
  history.pushState(null, '', '?home');
  route.value = { kind: 'welcome' };
}

addEventListener('popstate', () => {
  const next = routeFromSearch(location.search, homeServer);
  if (next.kind === 'room') rememberLastRoom(next.address);
  route.value = next;
});
