import { effect, signal } from '@preact/signals';
import { decodeContent, type OpenedMessage, type RawMessage } from '@yam/client';
import type { RoomId } from '@yam/protocol';
import { type RoomEntry, roomKey } from './room-entry.ts';
import type { RoomList } from './room-list.ts';

/** What mention marks need of one server's session (ServerSession implements it). */
export interface MentionSource {
  readonly server: string;
  /** Every message of a followed room once opened (decrypted and verified). */
  onOpened(listener: (message: OpenedMessage) => void): () => void;
  stored(room: RoomId, query: { limit: number }): Promise<RawMessage[]>;
  open(message: RawMessage): Promise<OpenedMessage | undefined>;
}

/** How many recent stored messages are checked for mentions on start. */
const SCAN = 100;

/** Whether an opened message's content (a text or an edit) mentions `me`. */
export function mentionsOf(body: Uint8Array | undefined, me: string): boolean {
  const content = body && decodeContent(body);
  if (!content || (content.type !== 'text' && content.type !== 'edit')) return false;
  return !!content.mentions?.includes(me);
}

/** Whether content shows no bubble of its own in the main list (so it is not unread). */
export function showsNoBubble(body: Uint8Array | undefined): boolean {
  const content = body && decodeContent(body);
  if (!content) return false;
  return content.type === 'edit' || content.type === 'delete' || content.type === 'reaction'
    ? true
    : content.type === 'text' && !!content.thread;
}

/**
 * Rooms where someone mentioned this device since it last read them: a count per room key,
 * beside the unread count (the room switcher shows "@"). Counts messages others sent after
 * the room's read mark, seen live or in the store; opening the room clears its count.
 * Reading the opened messages anyway, it also tells the room list which of them show no
 * bubble (edits, deletes, reactions, thread replies), so they do not count as unread.
 */
export class RoomMentions {
  /** Unread mentions of you by room key (absent: none). */
  readonly counts = signal<ReadonlyMap<string, number>>(new Map());
  readonly #me: string;
  readonly #entry: (key: string) => RoomEntry | undefined;
  readonly #isOpen: (key: string) => boolean;
  readonly #quiet: ((server: string, room: RoomId, seq: number) => void) | undefined;
  readonly #seqs = new Map<string, Set<number>>();
  readonly #watched = new WeakSet<MentionSource>();

  constructor(
    me: string,
    entry: (key: string) => RoomEntry | undefined,
    isOpen: (key: string) => boolean,
    /** Told of each opened message that shows no bubble (the room list does not count it). */
    quiet?: (server: string, room: RoomId, seq: number) => void,
  ) {
    this.#me = me;
    this.#entry = entry;
    this.#isOpen = isOpen;
    this.#quiet = quiet;
  }

  /** Follows a room's server (once per server) and checks the room's stored messages. */
  async follow(source: MentionSource, room: RoomId): Promise<void> {
    if (!this.#watched.has(source)) {
      this.#watched.add(source);
      source.onOpened((m) => this.#check(source.server, m));
    }
    const key = roomKey(source.server, room);
    const readSeq = this.#entry(key)?.readSeq ?? 0;
    const stored = await source.stored(room, { limit: SCAN }).catch(() => []);
    for (const m of stored) {
      if (m.kind !== 'message' || m.seq <= readSeq || m.from === this.#me) continue;
      const opened = await source.open(m).catch(() => undefined);
      if (opened) this.#check(source.server, opened);
    }
  }

  /** The room was opened (read): its mentions are no longer new. */
  clear(key: string): void {
    if (!this.#seqs.delete(key)) return;
    this.#publish();
  }

  #check(server: string, m: OpenedMessage): void {
    if (m.from !== this.#me && this.#quiet && showsNoBubble(m.body)) {
      this.#quiet(server, m.room, m.seq);
    }
    if (m.from === this.#me || !mentionsOf(m.body, this.#me)) return;
    const key = roomKey(server, m.room);
    const entry = this.#entry(key);
    if (!entry || this.#isOpen(key) || m.seq <= entry.readSeq) return;
    const seqs = this.#seqs.get(key) ?? new Set<number>();
    if (seqs.has(m.seq)) return;
    seqs.add(m.seq);
    this.#seqs.set(key, seqs);
    this.#publish();
  }

  #publish(): void {
    const counts = new Map<string, number>();
    for (const [key, seqs] of this.#seqs) if (seqs.size > 0) counts.set(key, seqs.size);
    this.counts.value = counts;
  }
}

/**
 * Keeps `mentions` following every listed room (each server's session once) and clears a
 * room's count when it is opened. Returns the stop function.
 */
export function followMentions(
  mentions: RoomMentions,
  rooms: RoomList,
  sessionFor: (server: string) => MentionSource,
): () => void {
  const followed = new Set<string>();
  const offEntries = effect(() => {
    for (const entry of rooms.entries.value) {
      if (followed.has(entry.key)) continue;
      followed.add(entry.key);
      void mentions.follow(sessionFor(entry.server), entry.room);
    }
  });
  const offOpen = effect(() => {
    const key = rooms.currentKey.value;
    if (key) mentions.clear(key);
  });
  return () => {
    offEntries();
    offOpen();
  };
}
