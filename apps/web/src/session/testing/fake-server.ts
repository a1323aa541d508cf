import type { OpenedMessage, RawMessage, RoomMessageKind } from '@yam/client';
import type { ClientId, ClientMsgId, RoomId, Seq } from '@yam/protocol';
import type { AddressBar } from '../../platform/address-bar.ts';
import type { Settings } from '../own-profile.ts';
import type { RoomEntry } from '../room-entry.ts';
import type { RoomStorage } from '../room-list.ts';
import type { MentionSource } from '../room-mentions.ts';
import type { ServerConnection } from '../sessions.ts';

/** A server session without a network: what the room list and Sessions see of one. */
export class FakeServer implements ServerConnection, MentionSource {
  readonly server: string;
  readonly joined: RoomId[] = [];
  readonly left: RoomId[] = [];
  readonly messages: RawMessage[] = [];
  closed = false;
  /** What the search feed uses of the SDK: no live events, the stored messages, none readable. */
  readonly rooms = {
    on: () => () => undefined,
    open: async () => undefined,
    history: {
      stored: async (room: RoomId, query: { before?: number; limit: number }) =>
        this.messages
          .filter((m) => m.room === room && (query.before === undefined || m.seq < query.before))
          .slice(-query.limit),
    },
  };
  readonly #listeners = new Set<(m: RawMessage) => void>();
  readonly #opened = new Set<(m: OpenedMessage) => void>();

  constructor(server: string) {
    this.server = server;
  }

  onReceived(listener: (m: RawMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Payloads are plaintext content here: "opening" passes them through. */
  onOpened(listener: (m: OpenedMessage) => void): () => void {
    this.#opened.add(listener);
    return () => this.#opened.delete(listener);
  }

  async open(m: RawMessage): Promise<OpenedMessage | undefined> {
    return m.kind === 'message' ? { ...m, body: m.payload } : undefined;
  }

  async stored(room: RoomId, query: { limit: number }): Promise<RawMessage[]> {
    return this.messages.filter((m) => m.room === room).slice(-query.limit);
  }

  async join(room: RoomId): Promise<void> {
    this.joined.push(room);
  }

  async leave(room: RoomId): Promise<void> {
    this.left.push(room);
  }

  close(): void {
    this.closed = true;
  }

  /** A message arriving live. */
  receive(m: RawMessage): void {
    for (const listener of this.#listeners) listener(m);
    if (m.kind === 'message')
      for (const listener of this.#opened) listener({ ...m, body: m.payload });
  }
}

export function message(
  room: string,
  seq: number,
  from = 'other',
  cmid = `m${seq}`,
  kind: RoomMessageKind = 'message',
) {
  return {
    room: room as RoomId,
    seq: seq as Seq,
    from: from as ClientId,
    cmid: cmid as ClientMsgId,
    ts: 1_000 + seq,
    payload: new Uint8Array(),
    kind,
  } satisfies RawMessage;
}

/** The room list's IndexedDB, in memory. */
export class MemoryRoomStorage implements RoomStorage {
  readonly rooms = new Map<string, RoomEntry>();
  async list(): Promise<RoomEntry[]> {
    return [...this.rooms.values()];
  }
  async put(entry: RoomEntry): Promise<void> {
    this.rooms.set(entry.key, { ...entry });
  }
  async delete(key: string): Promise<void> {
    this.rooms.delete(key);
  }
}

export function memorySettings(values: Record<string, string> = {}): Settings {
  const map = new Map(Object.entries(values));
  return {
    read: (k) => map.get(k),
    write: (k, v) => void (v === undefined ? map.delete(k) : map.set(k, v)),
  };
}

/** An address bar that records what was written. */
export class FakeAddressBar implements AddressBar {
  readonly origin: string;
  readonly pathname = '/';
  search: string;
  hash: string;
  readonly writes: string[] = [];
  #pop: (() => void) | undefined;

  constructor(url: string) {
    const u = new URL(url);
    this.origin = u.origin;
    this.search = u.search;
    this.hash = u.hash;
  }

  push(search: string): void {
    this.writes.push(`push ${search}`);
    this.search = search;
    this.hash = '';
  }

  replace(search: string): void {
    this.writes.push(`replace ${search}`);
    this.search = search;
    this.hash = '';
  }

  onPop(listener: () => void): () => void {
    this.#pop = listener;
    return () => (this.#pop = undefined);
  }

  /** The back button, to `search`. */
  back(search: string): void {
    this.search = search;
    this.#pop?.();
  }
}
