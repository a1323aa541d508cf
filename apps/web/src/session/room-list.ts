import { computed, signal } from '@preact/signals';
import type { ReceivedMessage } from '@yam/client';
import type { DeviceIdentity } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';
import {
  type ClientSession,
  closeSessionsExcept,
  existingSession,
  sessionFor,
} from '../../app/client-session.ts';
import type { IdbRoomList } from '../../platform/idb/idb-room-list.ts';
import { migrateLastRoom } from './last-room.ts';
import { lastOpened, newEntry, type RoomEntry, roomKey } from './room-entry.ts';

/** How many recent stored messages are scanned for unread ones on start. */
const UNREAD_SCAN = 100;

/**
 * This device's rooms on all servers: the list (kept in IndexedDB), which one is open,
 * and unread counts. Every listed room stays joined on its server's session so messages
 * arriving in rooms that are not open are counted.
 */
export class RoomList {
  readonly entries = signal<readonly RoomEntry[]>([]);
  readonly currentKey = signal<string | undefined>(undefined);
  /** Unread message count by room key (absent: none). */
  readonly unread = signal<ReadonlyMap<string, number>>(new Map());
  readonly current = computed(() =>
    this.entries.value.find((e) => e.key === this.currentKey.value),
  );

  readonly #identity: DeviceIdentity;
  readonly #storage: IdbRoomList;
  readonly #watched = new WeakSet<ClientSession>();
  /** Unread seqs by room key: a Set, so a message seen in the store and live counts once. */
  readonly #unreadSeqs = new Map<string, Set<number>>();
  readonly #dirty = new Set<string>();
  #flushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(identity: DeviceIdentity, storage: IdbRoomList) {
    this.#identity = identity;
    this.#storage = storage;
  }

  /** Reads the list (migrating the old "last room" setting), then connects to every server. */
  async load(): Promise<void> {
    const migrated = migrateLastRoom();
    let entries = await this.#storage.list();
    if (migrated && !entries.some((e) => e.key === migrated.key)) {
      await this.#storage.put(migrated);
      entries = [...entries, migrated];
    }
    this.entries.value = sortByName(entries);
    for (const entry of entries) void this.#follow(entry);
  }

  /** The room opened most recently, to reopen on start. */
  lastOpened(): RoomEntry | undefined {
    return lastOpened(this.entries.value);
  }

  find(server: string, room: RoomId): RoomEntry | undefined {
    const key = roomKey(server, room);
    return this.entries.value.find((e) => e.key === key);
  }

  /** Adds a room (or finds it again) and opens it (unless `open` is false: a DM someone else started). */
  async add(
    address: { server: string; room: RoomId },
    name: string,
    invite?: string,
    open = true,
  ): Promise<RoomEntry> {
    const existing = this.find(address.server, address.room);
    if (existing) {
      if (open) this.open(existing.key);
      return existing;
    }
    const entry = newEntry(address, name, invite);
    await this.#storage.put(entry);
    this.entries.value = sortByName([...this.entries.value, entry]);
    if (open) this.open(entry.key);
    void this.#follow(entry);
    return entry;
  }

  /** Opens a listed room: it becomes current and its unread count resets. */
  open(key: string): void {
    const entry = this.#get(key);
    if (!entry) return;
    this.currentKey.value = key;
    this.#update(key, { openedAt: Date.now() });
    this.#clearUnread(key);
    // Written at once: the page may be closed right after switching.
    void this.#flush();
  }

  /** Shows no room (the welcome screen). */
  close(): void {
    this.currentKey.value = undefined;
  }

  async rename(key: string, name: string): Promise<void> {
    this.#update(key, { name });
    this.entries.value = sortByName(this.entries.value);
    await this.#flush();
  }

  /** Removes a room from the list, leaves it, and closes servers no room needs any more. */
  async remove(key: string): Promise<void> {
    const entry = this.#get(key);
    if (!entry) return;
    this.entries.value = this.entries.value.filter((e) => e.key !== key);
    this.#clearUnread(key);
    if (this.currentKey.value === key) this.currentKey.value = undefined;
    await this.#storage.delete(key);
    void existingSession(entry.server)
      ?.client.leave(entry.room)
      .catch(() => undefined);
    closeSessionsExcept(this.entries.value.map((e) => e.server));
  }

  /**
   * Joins the room again after the open view left it, so its unread count keeps
   * following new messages while another room is open.
   */
  keepFollowing(key: string): void {
    const entry = this.#get(key);
    if (entry)
      void sessionFor(entry.server, this.#identity)
        .client.join(entry.room)
        .catch(() => {});
  }

  /** Joins the room on its server and counts what is unread in the local store. */
  async #follow(entry: RoomEntry): Promise<void> {
    const session = sessionFor(entry.server, this.#identity);
    if (!this.#watched.has(session)) {
      this.#watched.add(session);
      session.client.on('message', (m) => this.#onMessage(session, m));
    }
    const stored = await session.store.getMessages(entry.room, { limit: UNREAD_SCAN });
    for (const m of stored) this.#onMessage(session, m);
    void session.client.join(entry.room).catch(() => undefined);
  }

  #onMessage(session: ClientSession, m: ReceivedMessage): void {
    // MLS commits and clients' control messages (cmid "ctl-...") are not for reading.
    if (m.kind === 'commit' || m.cmid.startsWith('ctl-')) return;
    const entry = this.#get(roomKey(session.server, m.room));
    if (!entry) return;
    if (entry.key === this.currentKey.value) {
      if (m.seq > entry.readSeq) this.#update(entry.key, { readSeq: m.seq });
      return;
    }
    if (m.seq <= entry.readSeq || m.from === this.#identity.clientId) return;
    let seqs = this.#unreadSeqs.get(entry.key);
    if (!seqs) {
      seqs = new Set();
      this.#unreadSeqs.set(entry.key, seqs);
    }
    if (seqs.has(m.seq)) return;
    seqs.add(m.seq);
    this.#publishUnread();
  }

  #clearUnread(key: string): void {
    const seqs = this.#unreadSeqs.get(key);
    if (!seqs) return;
    const entry = this.#get(key);
    const max = Math.max(0, ...seqs);
    this.#unreadSeqs.delete(key);
    if (entry && max > entry.readSeq) this.#update(key, { readSeq: max });
    this.#publishUnread();
  }

  #publishUnread(): void {
    const counts = new Map<string, number>();
    for (const [key, seqs] of this.#unreadSeqs) if (seqs.size > 0) counts.set(key, seqs.size);
    this.unread.value = counts;
  }

  #get(key: string): RoomEntry | undefined {
    return this.entries.value.find((e) => e.key === key);
  }

  /** Changes an entry in memory now and in IndexedDB soon (reads bump often). */
  #update(key: string, change: Partial<RoomEntry>): void {
    this.entries.value = this.entries.value.map((e) => (e.key === key ? { ...e, ...change } : e));
    this.#dirty.add(key);
    this.#flushTimer ??= setTimeout(() => void this.#flush(), 300);
  }

  async #flush(): Promise<void> {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    const keys = [...this.#dirty];
    this.#dirty.clear();
    for (const key of keys) {
      const entry = this.#get(key);
      if (entry) await this.#storage.put(entry);
    }
  }
}

function sortByName(entries: readonly RoomEntry[]): RoomEntry[] {
  return [...entries].sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
}
