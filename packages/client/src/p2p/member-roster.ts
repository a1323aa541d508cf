import type { ClientId, RoomId } from '@yam/protocol';

/** Who may talk to this device peer-to-peer in one room: its current MLS members. */
export interface PeerRoster {
  /** True when `peer` is a member now (false until the first read finished). */
  has(peer: string): boolean;
  /** Resolves once the roster was read at least once. */
  ready(): Promise<void>;
  /** Calls `fn` after every change; returns the function that stops it. */
  onChange(fn: () => void): () => void;
}

/** The part of YamRooms a MemberRoster reads (YamRooms itself fits). */
export interface RosterSource {
  members(room: RoomId): Promise<ClientId[]>;
  on(event: 'epoch' | 'removed' | 'roomJoined', fn: (info: { room: RoomId }) => void): () => void;
}

/**
 * The MLS roster of one room, kept for the P2P layer: re-read on every epoch change (adds,
 * removals, leaves) and emptied when this device is removed. Starts empty, so nothing is
 * offered or answered before the group was read. [P-P2P1]
 */
export class MemberRoster implements PeerRoster {
  readonly room: RoomId;
  readonly #source: RosterSource;
  readonly #listeners = new Set<() => void>();
  readonly #offs: (() => void)[];
  #members = new Set<ClientId>();
  #ready: Promise<void>;
  /** Reads may overlap (two epochs in a row): only the newest one is applied. */
  #reads = 0;
  #closed = false;

  constructor(source: RosterSource, room: RoomId) {
    this.room = room;
    this.#source = source;
    const mine = (fn: () => void) => (info: { room: RoomId }) => {
      if (info.room === room) fn();
    };
    this.#offs = [
      source.on(
        'epoch',
        mine(() => void this.refresh()),
      ),
      source.on(
        'roomJoined',
        mine(() => void this.refresh()),
      ),
      source.on(
        'removed',
        mine(() => this.#apply(new Set())),
      ),
    ];
    this.#ready = this.refresh();
  }

  has(peer: string): boolean {
    return this.#members.has(peer as ClientId);
  }

  /** The current members (this device included). */
  list(): ClientId[] {
    return [...this.#members];
  }

  ready(): Promise<void> {
    return this.#ready;
  }

  onChange(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Reads the group again; a failed read leaves nobody in (fail closed). */
  async refresh(): Promise<void> {
    const read = ++this.#reads;
    let members: Set<ClientId>;
    try {
      members = new Set(await this.#source.members(this.room));
    } catch {
      members = new Set();
    }
    if (read === this.#reads) this.#apply(members);
  }

  close(): void {
    this.#closed = true;
    for (const off of this.#offs) off();
    this.#listeners.clear();
  }

  #apply(members: Set<ClientId>): void {
    if (this.#closed) return;
    this.#reads++; // a read still running is older than this
    this.#members = members;
    for (const fn of [...this.#listeners]) fn();
  }
}
