import { signal } from '@preact/signals';
import { type PendingJoin, SecureRooms, type YamClient } from '@yam/client';
import type { DeviceIdentity } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';
import { IdbSecretStore } from '../../platform/idb/idb-secret-store.ts';
import { nameOf } from '../profile/author-style.ts';
import { defaultDisplayName } from '../settings/display-name.ts';
import { roomListHooks } from './dm-rooms.ts';
import { registerSecure } from './secure-registry.ts';

/** A DM (or other room) a Welcome added this device to, for the room list to pick up. */
export type JoinedRoom = { room: RoomId; from: string; dm: boolean };

/**
 * One server's end-to-end encryption state for the UI: the SDK's SecureRooms over an
 * IndexedDB SecretStore, plus what the UI shows from it (join requests, removals).
 */
export class SecureSession {
  readonly rooms: SecureRooms;
  readonly store: IdbSecretStore;
  /** Join requests waiting for this user's Accept or Refuse. */
  readonly requests = signal<readonly PendingJoin[]>([]);
  /** Rooms a commit removed this device from (this session). */
  readonly removed = signal<ReadonlySet<string>>(new Set());
  /** Rooms a Welcome added us to that the room list may not know (DMs). */
  readonly joined = signal<readonly JoinedRoom[]>([]);
  readonly #off: (() => void)[] = [];

  constructor(client: YamClient, identity: DeviceIdentity, server: string) {
    this.store = new IdbSecretStore(new URL(server).origin);
    this.rooms = new SecureRooms({ client, identity, store: this.store });
    registerSecure(client, this.rooms);
    const { rooms } = this;
    this.#off.push(
      rooms.on('joinRequest', (r) => {
        const others = this.requests.value.filter((x) => !(x.room === r.room && x.id === r.id));
        this.requests.value = [...others, r];
      }),
      rooms.on('joinResult', (r) => this.#drop(r.room, r.id)),
      rooms.on('removed', (r) => {
        this.removed.value = new Set([...this.removed.value, r.room]);
      }),
      rooms.on('roomJoined', (r) => {
        this.joined.value = [...this.joined.value, r];
        // A DM someone opened with us: it belongs in the room list.
        if (r.dm)
          void roomListHooks()?.listed(server, r.room, nameOf(r.from, defaultDisplayName(r.from)));
      }),
      rooms.on('error', (e) => console.warn('secure rooms:', e.room ?? '', e.message)),
    );
  }

  /** Starts following the client; call before it connects, so no message is missed. */
  start(): Promise<void> {
    return this.rooms.start();
  }

  async accept(request: PendingJoin): Promise<void> {
    await this.rooms.acceptJoin(request.room, request.id);
    this.#drop(request.room, request.id);
  }

  async refuse(request: PendingJoin): Promise<void> {
    await this.rooms.refuseJoin(request.room, request.id);
    this.#drop(request.room, request.id);
  }

  async close(): Promise<void> {
    for (const off of this.#off.splice(0)) off();
    await this.rooms.close();
    await this.store.close();
  }

  #drop(room: string, id: number): void {
    this.requests.value = this.requests.value.filter((x) => !(x.room === room && x.id === id));
  }
}
