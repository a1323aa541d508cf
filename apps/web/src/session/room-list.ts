import { computed, signal } from '@preact/signals';
import type { RawMessage } from '@yam/client';
import type { RoomId } from '@yam/protocol';
import { migrateLastRoom } from './last-room.ts';
import type { Settings } from './own-profile.ts';
import { lastOpened, newEntry, type RoomEntry, roomKey } from './room-entry.ts';
import type { ServerConnection, Sessions } from './sessions.ts';

/** Where the list is kept (IdbRoomList in the browser). */
export interface RoomStorage {
  list(): Promise<RoomEntry[]>;
  put(entry: RoomEntry): Promise<void>;
  delete(key: string): Promise<void>;
}

/** How a room is added: `invite` from the link's fragment, `password` for a new room. */
export type AddOptions = {
  invite?: string | undefined;
  /** Set by "Create new room": kept in memory only until the room view creates the group. */
  password?: string | undefined;
  /** False for a DM someone else started: list it, do not open it. */
  open?: boolean;
};

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

  readonly #me: string;
  readonly #storage: RoomStorage;
  readonly #sessions: Sessions;
  readonly #settings: Settings;
  readonly #watched = new WeakSet<ServerConnection>();
  /** Passwords of rooms being created, by key, until the room view takes them. */
  readonly #passwords = new Map<string, string>();
  /** Unread seqs by room key: a Set, so a message seen in the store and live counts once. */
  readonly #unreadSeqs = new Map<string, Set<number>>();
  /** Seqs of messages that show no bubble (edits, deletes, reactions, thread replies). */
  readonly #quiet = new Map<string, Set<number>>();
  /** Each room's read mark as it was when the room was last opened (the unread divider's place). */
  readonly #readAtOpen = new Map<string, number>();
  /** Rooms added in this session and not left for another room since. */
  readonly #fresh = new Set<string>();
  readonly #dirty = new Set<string>();
  /**
   * The open room's newest seen seq, applied to the list with the next write: one list
   * change per message made a long catch-up redraw the sidebar thousands of times.
   */
  readonly #reads = new Map<string, number>();
  #flushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(me: string, storage: RoomStorage, sessions: Sessions, settings: Settings) {
    this.#me = me;
    this.#storage = storage;
    this.#sessions = sessions;
    this.#settings = settings;
  }

  /** Reads the list (migrating the old "last room" setting), then connects to every server. */
  async load(): Promise<void> {
    const migrated = migrateLastRoom(this.#settings);
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

  /** Adds a room (or finds it again) and opens it (unless `options.open` is false). */
  async add(
    address: { server: string; room: RoomId },
    name: string,
    options: AddOptions = {},
  ): Promise<RoomEntry> {
    const open = options.open ?? true;
    const existing = this.find(address.server, address.room);
    if (existing) {
      if (open) this.open(existing.key);
      return existing;
    }
    const entry = newEntry(address, name, options.invite);
    if (options.password) this.#passwords.set(entry.key, options.password);
    await this.#storage.put(entry);
    this.entries.value = sortByName([...this.entries.value, entry]);
    this.#fresh.add(entry.key);
    if (open) this.open(entry.key);
    void this.#follow(entry);
    return entry;
  }

  /** Opens a listed room: it becomes current and its unread count resets. */
  open(key: string): void {
    const entry = this.#get(key);
    if (!entry) return;
    // A room added just now has nothing this person has read: no divider in it, until
    // another room was open in between.
    const previous = this.currentKey.value;
    if (previous && previous !== key) this.#fresh.delete(previous);
    if (this.#fresh.has(key)) this.#readAtOpen.delete(key);
    else this.#readAtOpen.set(key, this.#readSeqOf(entry));
    this.currentKey.value = key;
    this.#update(key, { openedAt: Date.now() });
    this.#clearUnread(key);
    // Written at once: the page may be closed right after switching.
    void this.#flush();
  }

  /**
   * The highest seq read in `key` before it was last opened: the timeline's "New messages"
   * divider goes above the first message after it. Undefined for a room just added here.
   */
  readAtOpen(key: string): number | undefined {
    return this.#readAtOpen.get(key);
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
    void this.#sessions
      .existing(entry.server)
      ?.leave(entry.room)
      .catch(() => undefined);
    this.#sessions.closeExcept(this.entries.value.map((e) => e.server));
  }

  /** A DM someone else opened with this device (a Welcome added us): list it, do not open it. */
  async listDm(server: string, room: RoomId, name: string): Promise<void> {
    if (!this.find(server, room)) await this.add({ server, room }, name, { open: false });
  }

  /** Takes (and forgets) the password "Create new room" was given for `key`, if any. */
  takePassword(key: string): string | undefined {
    const password = this.#passwords.get(key);
    this.#passwords.delete(key);
    return password;
  }

  /**
   * Joins the room again after the open view left it, so its unread count keeps
   * following new messages while another room is open.
   */
  keepFollowing(key: string): void {
    const entry = this.#get(key);
    if (entry)
      void this.#sessions
        .for(entry.server)
        .join(entry.room)
        .catch(() => {});
  }

  /**
   * A message that shows no bubble of its own (an edit, a delete, a reaction, a thread
   * reply; known once opened) is not unread, whether it was counted already or not yet.
   */
  notUnread(server: string, room: RoomId, seq: number): void {
    const key = roomKey(server, room);
    const quiet = this.#quiet.get(key) ?? new Set<number>();
    quiet.add(seq);
    this.#quiet.set(key, quiet);
    if (this.#unreadSeqs.get(key)?.delete(seq)) this.#publishUnread();
  }

  /** Joins the room on its server and counts what is unread in the local store. */
  async #follow(entry: RoomEntry): Promise<void> {
    const session = this.#sessions.for(entry.server);
    if (!this.#watched.has(session)) {
      this.#watched.add(session);
      session.onReceived((m) => this.#onMessage(session, m));
    }
    const stored = await session.stored(entry.room, { limit: UNREAD_SCAN });
    for (const m of stored) this.#onMessage(session, m);
    void session.join(entry.room).catch(() => undefined);
  }

  #onMessage(session: ServerConnection, m: RawMessage): void {
    // MLS commits and the clients' control messages are not for reading.
    if (m.kind !== 'message') return;
    const entry = this.#get(roomKey(session.server, m.room));
    if (!entry) return;
    if (entry.key === this.currentKey.value) {
      if (m.seq <= this.#readSeqOf(entry)) return;
      this.#reads.set(entry.key, m.seq);
      this.#flushTimer ??= setTimeout(() => void this.#flush(), 300);
      return;
    }
    if (m.seq <= this.#readSeqOf(entry) || m.from === this.#me) return;
    if (this.#quiet.get(entry.key)?.has(m.seq)) return;
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
    this.#quiet.delete(key);
    const seqs = this.#unreadSeqs.get(key);
    if (!seqs) return;
    const entry = this.#get(key);
    const max = Math.max(0, ...seqs);
    this.#unreadSeqs.delete(key);
    if (entry && max > this.#readSeqOf(entry)) this.#update(key, { readSeq: max });
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

  /** The newest seq read in a room, counting what the list has not taken in yet. */
  #readSeqOf(entry: RoomEntry): number {
    return Math.max(entry.readSeq, this.#reads.get(entry.key) ?? 0);
  }

  async #flush(): Promise<void> {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    if (this.#reads.size > 0) {
      const reads = new Map(this.#reads);
      this.#reads.clear();
      this.entries.value = this.entries.value.map((e) => {
        const seq = reads.get(e.key);
        return seq === undefined || seq <= e.readSeq ? e : { ...e, readSeq: seq };
      });
      for (const key of reads.keys()) this.#dirty.add(key);
    }
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
