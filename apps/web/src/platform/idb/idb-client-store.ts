import type { ClientStore, OutboxItem, ReceivedMessage } from '@yam/client';
import type { ClientMsgId, RoomId } from '@yam/protocol';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { requestOutboxSync } from '../sw/background-sync.ts';

type CursorRecord = { room: string; seq: number };

interface StoreSchema extends DBSchema {
  messages: { key: [string, number]; value: ReceivedMessage };
  cursors: { key: string; value: CursorRecord };
  outbox: { key: [string, string]; value: OutboxItem; indexes: { byQueuedAt: number } };
}

const VERSION = 1;

/** The IndexedDB name for one server: each server's rooms, cursors and outbox stay apart. */
export function dbNameFor(serverOrigin: string): string {
  return `yam-client:${serverOrigin}`;
}

/**
 * ClientStore on IndexedDB, one database per server origin. It is what makes history
 * appear instantly on reload and what keeps the outbox across tab closes.
 */
export class IdbClientStore implements ClientStore {
  readonly #db: Promise<IDBPDatabase<StoreSchema>>;
  readonly #origin: string;

  constructor(serverOrigin: string) {
    this.#origin = serverOrigin;
    this.#db = openDB<StoreSchema>(dbNameFor(serverOrigin), VERSION, {
      upgrade(db) {
        db.createObjectStore('messages', { keyPath: ['room', 'seq'] });
        db.createObjectStore('cursors', { keyPath: 'room' });
        const outbox = db.createObjectStore('outbox', { keyPath: ['room', 'cmid'] });
        outbox.createIndex('byQueuedAt', 'queuedAt');
      },
    });
  }

  async putMessages(messages: readonly ReceivedMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const db = await this.#db;
    const tx = db.transaction('messages', 'readwrite');
    // put() is keyed by (room, seq): writing the same message twice is harmless.
    await Promise.all([...messages.map((m) => tx.store.put(m)), tx.done]);
  }

  async getMessages(
    room: RoomId,
    options: { beforeSeq?: number; limit: number },
  ): Promise<ReceivedMessage[]> {
    const db = await this.#db;
    const upper = options.beforeSeq ?? Number.MAX_SAFE_INTEGER;
    const range = IDBKeyRange.bound(
      [room, 0],
      [room, upper],
      false,
      options.beforeSeq !== undefined,
    );
    const out: ReceivedMessage[] = [];
    let cursor = await db.transaction('messages').store.openCursor(range, 'prev');
    while (cursor && out.length < options.limit) {
      out.push(cursor.value);
      cursor = await cursor.continue();
    }
    return out.reverse();
  }

  async getCursor(room: RoomId): Promise<number> {
    const db = await this.#db;
    return (await db.get('cursors', room))?.seq ?? 0;
  }

  async setCursor(room: RoomId, seq: number): Promise<void> {
    const db = await this.#db;
    await db.put('cursors', { room, seq });
  }

  /** Queues an item; Background Sync then sends it should every tab close first. */
  async outboxPut(item: OutboxItem): Promise<void> {
    const db = await this.#db;
    await db.put('outbox', item);
    requestOutboxSync(this.#origin);
  }

  async outboxDelete(room: RoomId, cmid: ClientMsgId): Promise<void> {
    const db = await this.#db;
    await db.delete('outbox', [room, cmid]);
  }

  async outboxList(): Promise<OutboxItem[]> {
    const db = await this.#db;
    return db.getAllFromIndex('outbox', 'byQueuedAt');
  }

  /** Closes the database connection (when the app switches servers). */
  async close(): Promise<void> {
    (await this.#db).close();
  }
}
