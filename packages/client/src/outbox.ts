import { type ClientId, type ClientMsgId, type RoomId, toBase64Url } from '@yam/protocol';
import type { ClientStore, OutboxItem } from './types.ts';

/** A fresh client message ID: 16 random bytes, base64url (22 characters). [P-ID3] */
export function newClientMsgId(): ClientMsgId {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16))) as ClientMsgId;
}

const keyOf = (room: RoomId, cmid: ClientMsgId) => `${room}\n${cmid}`;

/**
 * Messages waiting for the server's ack. Every item is written to the store before it
 * is sent, so a reload or crash before the ack resends it (same cmid, so the server
 * does not duplicate it). The in-memory map makes "was this still pending?" a
 * synchronous check, so an ack and the own echo settle an item exactly once.
 */
export class Outbox {
  readonly #store: ClientStore;
  readonly #items = new Map<string, OutboxItem>();
  #loading: Promise<void> | undefined;

  constructor(store: ClientStore) {
    this.#store = store;
  }

  /** Loads the items a previous session left in the store (once). */
  load(): Promise<void> {
    this.#loading ??= this.#store.outboxList().then((items) => {
      for (const item of items) {
        const key = keyOf(item.room, item.cmid);
        if (!this.#items.has(key)) this.#items.set(key, item);
      }
    });
    return this.#loading;
  }

  /** Queues a payload: persisted first, then tracked. */
  async add(
    room: RoomId,
    payload: Uint8Array,
    cmid: ClientMsgId = newClientMsgId(),
    mentions?: readonly ClientId[],
  ): Promise<OutboxItem> {
    const item: OutboxItem = { room, cmid, payload, queuedAt: Date.now() };
    if (mentions && mentions.length > 0) item.mentions = [...mentions];
    await this.#store.outboxPut(item);
    this.#items.set(keyOf(room, item.cmid), item);
    return item;
  }

  /** Pending items, oldest first; only `room`'s when given. */
  list(room?: RoomId): OutboxItem[] {
    return [...this.#items.values()]
      .filter((item) => room === undefined || item.room === room)
      .sort((a, b) => a.queuedAt - b.queuedAt);
  }

  /** Rooms with pending items. */
  rooms(): RoomId[] {
    return [...new Set([...this.#items.values()].map((item) => item.room))];
  }

  has(room: RoomId, cmid: ClientMsgId): boolean {
    return this.#items.has(keyOf(room, cmid));
  }

  /** Removes an item; true only for the first call per item (so callers emit `ack` once). */
  settle(room: RoomId, cmid: ClientMsgId): { settled: boolean; stored: Promise<void> } {
    const settled = this.#items.delete(keyOf(room, cmid));
    return { settled, stored: settled ? this.#store.outboxDelete(room, cmid) : Promise.resolve() };
  }
}
