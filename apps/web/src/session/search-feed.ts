import { effect, signal } from '@preact/signals';
import { type AckInfo, decodeContent, type OpenedMessage, type RawMessage } from '@yam/client';
import type { RoomId } from '@yam/protocol';
import type { SearchClient } from '../platform/search/search-client.ts';
import type { SearchDoc } from '../platform/search/search-index.ts';
import { mayDelete } from './delete-rule.ts';
import { defaultDisplayName } from './display-name.ts';
import { type RoomEntry, roomKey } from './room-entry.ts';
import type { RoomRoles } from './room-ports.ts';

/** What the feed needs of one server's session (ServerSession). */
export type FeedSession = {
  readonly server: string;
  readonly rooms: {
    on(event: 'message', listener: (m: OpenedMessage) => void): () => void;
    on(event: 'synced', listener: (e: { room: RoomId }) => void): () => void;
    on(event: 'ack', listener: (a: AckInfo) => void): () => void;
    open(message: RawMessage): Promise<OpenedMessage | undefined>;
    /** The group's roles, to judge a moderator's delete (ServerSession's SDK has them). */
    roles?(room: RoomId): Promise<RoomRoles | undefined>;
    history: {
      stored(room: RoomId, query: { before?: number; limit: number }): Promise<RawMessage[]>;
    };
  };
};

/** Stored messages read per step while catching up a room's history. */
const PAGE = 200;

/** The index entry of a readable message; undefined for what is not searchable text. */
export function searchDocOf(room: string, m: OpenedMessage): SearchDoc | undefined {
  if (!m.body) return undefined;
  const content = decodeContent(m.body);
  if (content?.type !== 'text' && content?.type !== 'image') return undefined;
  const text = content.type === 'text' ? content.text : (content.caption ?? '');
  if (!text.trim()) return undefined;
  const key = `${m.from}:${m.cmid}`;
  return {
    id: `${room}\n${key}`,
    room,
    key,
    seq: m.seq,
    from: m.from,
    name: content.name?.trim() || defaultDisplayName(m.from),
    text,
    ts: m.ts,
  };
}

/**
 * Keeps the search index up to date with every listed room: live messages as they are
 * opened, and each room's stored history once (newest first, remembered by a per-room
 * mark), so search also finds what arrived before this feature or while the app was
 * closed. A room removed from the list is removed from the index.
 */
export class SearchFeed {
  /** Rooms whose stored history is still being read into the index. */
  readonly catchingUp = signal(0);
  readonly #search: SearchClient;
  readonly #sessionFor: (server: string) => FeedSession;
  readonly #watched = new WeakSet<object>();
  readonly #known = new Map<string, RoomEntry>();
  readonly #offs: (() => void)[] = [];
  #queue: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(search: SearchClient, sessionFor: (server: string) => FeedSession) {
    this.#search = search;
    this.#sessionFor = sessionFor;
  }

  /** Follows the room list: new rooms are indexed, removed ones forgotten. */
  follow(entries: { readonly value: readonly RoomEntry[] }): void {
    this.#offs.push(
      effect(() => {
        const now = new Map(entries.value.map((e) => [e.key, e]));
        for (const [key, entry] of now) if (!this.#known.has(key)) this.#add(entry);
        for (const key of this.#known.keys()) {
          if (!now.has(key)) void this.#search.removeRoom(key).catch(() => undefined);
        }
        this.#known.clear();
        for (const [key, entry] of now) this.#known.set(key, entry);
      }),
    );
  }

  /** Resolves when every catch-up queued so far is done (tests). */
  idle(): Promise<void> {
    return this.#queue;
  }

  close(): void {
    this.#closed = true;
    for (const off of this.#offs.splice(0)) off();
  }

  #add(entry: RoomEntry): void {
    const session = this.#sessionFor(entry.server);
    if (!this.#watched.has(session)) {
      this.#watched.add(session);
      this.#offs.push(
        session.rooms.on('message', (m) => {
          const key = roomKey(session.server, m.room);
          if (!this.#known.has(key)) return;
          void this.#take(session, key, [m]).catch(() => undefined);
        }),
        // Own messages come back only as acks: index the stored copy once the server has it.
        session.rooms.on('ack', (a) => {
          const key = roomKey(session.server, a.room);
          if (this.#known.has(key)) void this.#indexOwn(session, key, a).catch(() => undefined);
        }),
        // After a reconnect the catch-up was stored: index what the live events missed.
        session.rooms.on('synced', (e) => {
          const entryNow = this.#known.get(roomKey(session.server, e.room));
          if (entryNow) this.#catchUp(session, entryNow);
        }),
      );
    }
    this.#catchUp(session, entry);
  }

  /** Queued, one room at a time, so catching up never competes with the open room. */
  #catchUp(session: FeedSession, entry: RoomEntry): void {
    this.catchingUp.value++;
    this.#queue = this.#queue
      .then(() => this.#indexStored(session, entry))
      .catch(() => undefined)
      .finally(() => this.catchingUp.value--);
  }

  async #indexOwn(session: FeedSession, key: string, ack: AckInfo): Promise<void> {
    const [raw] = await session.rooms.history.stored(ack.room, { before: ack.seq + 1, limit: 1 });
    if (raw?.seq !== ack.seq || raw.cmid !== ack.cmid) return;
    const opened = await session.rooms.open(raw);
    if (opened) await this.#take(session, key, [opened]);
  }

  /** Indexes readable messages and applies edits and deletes by the rules every device uses. */
  async #take(
    session: FeedSession,
    room: string,
    messages: readonly OpenedMessage[],
  ): Promise<void> {
    const docs: SearchDoc[] = [];
    for (const m of messages) {
      const doc = searchDocOf(room, m);
      if (doc) {
        docs.push(doc);
        continue;
      }
      const content = m.body ? decodeContent(m.body) : undefined;
      if (content?.type === 'edit') {
        // Only its author edits a message: the ID names the edit's own sender.
        await this.#search.edit(`${room}\n${m.from}:${content.to}`, content.text, m.seq);
      } else if (content?.type === 'delete') {
        const roles =
          m.from === content.author
            ? undefined
            : await session.rooms.roles?.(m.room).catch(() => undefined);
        if (mayDelete(roles, m.from, content.author)) {
          await this.#search.remove([`${room}\n${content.author}:${content.to}`]);
        }
      }
    }
    await this.#search.add(docs);
  }

  async #indexStored(session: FeedSession, entry: RoomEntry): Promise<void> {
    const mark = (await this.#search.marks())[entry.key] ?? 0;
    let before: number | undefined;
    let newest = mark;
    while (!this.#closed) {
      const page = await session.rooms.history.stored(entry.room, {
        ...(before === undefined ? {} : { before }),
        limit: PAGE,
      });
      const fresh = page.filter((m) => m.seq > mark);
      const opened: OpenedMessage[] = [];
      for (const raw of fresh) {
        if (raw.kind !== 'message') continue;
        const m = await session.rooms.open(raw).catch(() => undefined);
        if (m) opened.push(m);
      }
      await this.#take(session, entry.key, opened);
      for (const m of fresh) newest = Math.max(newest, m.seq);
      const oldest = page[0]?.seq;
      if (page.length < PAGE || oldest === undefined || oldest <= mark + 1) break;
      before = oldest;
    }
    if (newest > mark) await this.#search.setMark(entry.key, newest);
  }
}
