import { signal } from '@preact/signals';
import type { PendingJoin } from '@yam/client';
import type { RoomId } from '@yam/protocol';
import type { TabRooms } from './tab-rooms.ts';

/** A DM (or other room) a Welcome added this device to, for the room list to pick up. */
export type JoinedRoom = { room: RoomId; from: string; dm: boolean };

/** A DM someone else opened with this device: the app state lists it (given at creation). */
export type DmJoined = (room: RoomId, from: string) => void;

/**
 * What the UI shows of one server's encrypted groups, kept from YamRooms' events: the
 * join requests waiting for this user, the rooms a commit removed this device from, and
 * the rooms a Welcome added it to.
 */
export class SecureSession {
  /** Join requests waiting for this user's Accept or Refuse. */
  readonly requests = signal<readonly PendingJoin[]>([]);
  /** Rooms a commit removed this device from (this session). */
  readonly removed = signal<ReadonlySet<string>>(new Set());
  /** Rooms a Welcome added us to that the room list may not know (DMs). */
  readonly joined = signal<readonly JoinedRoom[]>([]);
  /** Wrong passwords tried to join our rooms (this session), until dismissed. [P-PAKE3] */
  readonly passwordFailures = signal<readonly { room: string; ts: number }[]>([]);
  readonly #rooms: TabRooms;
  readonly #off: (() => void)[] = [];

  /** Follows `rooms` from now on: make it before `rooms.start()`, so no event is missed. */
  constructor(rooms: TabRooms, onDm: DmJoined) {
    this.#rooms = rooms;
    this.#off.push(
      rooms.on('joinRequest', (r) => {
        const others = this.requests.value.filter((x) => !(x.room === r.room && x.id === r.id));
        this.requests.value = [...others, r];
      }),
      rooms.on('joinResult', (r) => this.#drop(r.room, r.id)),
      rooms.on('passwordFailed', (f) => {
        this.passwordFailures.value = [...this.passwordFailures.value, f];
      }),
      rooms.on('removed', (r) => {
        this.removed.value = new Set([...this.removed.value, r.room]);
      }),
      rooms.on('roomJoined', (r) => {
        this.joined.value = [...this.joined.value, r];
        // A DM someone opened with us: it belongs in the room list.
        if (r.dm) onDm(r.room, r.from);
      }),
    );
  }

  async accept(request: PendingJoin): Promise<void> {
    await this.#rooms.joins.accept(request.room, request.id);
    this.#drop(request.room, request.id);
  }

  async refuse(request: PendingJoin): Promise<void> {
    await this.#rooms.joins.refuse(request.room, request.id);
    this.#drop(request.room, request.id);
  }

  /** Hides the wrong-password notices of a room. */
  dismissPasswordFailures(room: string): void {
    this.passwordFailures.value = this.passwordFailures.value.filter((f) => f.room !== room);
  }

  /** Stops following the events (the session closes its rooms). */
  dispose(): void {
    for (const off of this.#off.splice(0)) off();
  }

  #drop(room: string, id: number): void {
    this.requests.value = this.requests.value.filter((x) => !(x.room === room && x.id === id));
  }
}
