import { signal } from '@preact/signals';
import { buildRoomUrl } from '@yam/protocol';
import type { AddressBar } from '../platform/address-bar.ts';
import { addressOf, fallbackRoomName } from './room-entry.ts';
import { checkRoomUrl } from './room-input.ts';
import type { RoomList } from './room-list.ts';
import { routeFromSearch, searchForRoom } from './room-route.ts';

/** Which room dialog is open, with what the "Add room" dialog starts with. */
export type RoomDialog =
  | { kind: 'add'; url: string; name: string; invite?: string; error?: string }
  | { kind: 'create' }
  | { kind: 'configure' };

/**
 * Which room shows and which room dialog is open, kept in step with the address bar so
 * a reload or a shared link opens the same place.
 */
export class Navigation {
  readonly dialog = signal<RoomDialog | undefined>(undefined);
  /** False until the room list has been read and the page URL applied. */
  readonly ready = signal(false);
  /** The server the app was loaded from. */
  readonly homeServer: string;
  readonly #rooms: RoomList;
  readonly #bar: AddressBar;

  constructor(rooms: RoomList, bar: AddressBar, homeServer: string) {
    this.#rooms = rooms;
    this.#bar = bar;
    this.homeServer = homeServer;
  }

  /** Reads the room list, then applies the page URL and follows back/forward. */
  async start(): Promise<void> {
    await this.#rooms.load();
    this.#apply(true);
    this.ready.value = true;
    this.#bar.onPop(() => this.#apply(false));
  }

  /** Opens a listed room and puts it in the address bar, so a reload reopens it. */
  showRoom(key: string, mode: 'push' | 'replace' = 'push'): void {
    this.#rooms.open(key);
    const entry = this.#rooms.current.value;
    if (entry) this.#write(searchForRoom(addressOf(entry)), mode);
  }

  /** No room: the welcome screen. */
  goHome(): void {
    this.#rooms.close();
    this.#write('?home', 'push');
  }

  /** Puts the current room back in the address bar (after a dialog was dismissed, a rename). */
  syncUrl(): void {
    const entry = this.#rooms.current.value;
    this.#write(entry ? searchForRoom(addressOf(entry)) : '?home', 'replace');
  }

  /** After a room was removed: the most recent remaining room, or the welcome screen. */
  showNextRoom(): void {
    const next = this.#rooms.lastOpened();
    if (next) this.showRoom(next.key, 'replace');
    else this.syncUrl();
  }

  /**
   * The page URL decides: a listed room opens; an unlisted Room URL (what the server's
   * redirect produces) opens "Add room" pre-filled, keeping any `#fragment` (the invite
   * key); no room reopens the last one.
   */
  #apply(initial: boolean): void {
    const rooms = this.#rooms;
    const { search, hash } = this.#bar;
    const params = new URLSearchParams(search);
    const route = routeFromSearch(search, this.homeServer);
    const invite = hash.length > 1 ? hash.slice(1) : undefined;
    if (route.kind === 'room') {
      const { server, room } = route.address;
      // Invite links carry the room name in the fragment, so the server never sees it.
      const name =
        route.address.name ?? (new URLSearchParams(invite ?? '').get('name')?.trim() || undefined);
      const known = rooms.find(server, room);
      if (known) {
        this.showRoom(known.key, 'replace');
        return;
      }
      if (initial) this.#reopenLast();
      this.dialog.value = {
        kind: 'add',
        url: buildRoomUrl(server, room, name),
        // A Room URL without a name still needs one in the list: offer a plain default.
        name: name ?? fallbackRoomName(room),
        ...(invite ? { invite } : {}),
      };
      return;
    }
    if (route.kind === 'invalid') {
      if (initial) this.#reopenLast();
      const checked = checkRoomUrl(route.input);
      this.dialog.value = {
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
        this.showRoom(last.key, 'replace');
        return;
      }
    }
    rooms.close();
  }

  /** Shows the last room under a dialog, without touching the address bar. */
  #reopenLast(): void {
    const last = this.#rooms.lastOpened();
    if (last) this.#rooms.open(last.key);
  }

  #write(search: string, mode: 'push' | 'replace'): void {
    if (this.#bar.search === search && !this.#bar.hash) return;
    if (mode === 'push') this.#bar.push(search);
    else this.#bar.replace(search);
  }
}
