import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/** A stored room: whatever the room list keeps, keyed by `key`. */
type Keyed = { key: string };

interface RoomListSchema<T extends Keyed> extends DBSchema {
  rooms: { key: string; value: T };
}

const VERSION = 1;

/**
 * The room list in IndexedDB, one database for all servers: a room on any server is
 * one entry, keyed by its Room URL without the name.
 */
export class IdbRoomList<T extends Keyed> {
  readonly #db: Promise<IDBPDatabase<RoomListSchema<T>>>;

  constructor(dbName = 'yam-rooms') {
    this.#db = openDB<RoomListSchema<T>>(dbName, VERSION, {
      upgrade(db) {
        db.createObjectStore('rooms', { keyPath: 'key' });
      },
    });
  }

  async list(): Promise<T[]> {
    return (await this.#db).getAll('rooms');
  }

  async put(entry: T): Promise<void> {
    await (await this.#db).put('rooms', entry);
  }

  async delete(key: string): Promise<void> {
    await (await this.#db).delete('rooms', key);
  }

  async close(): Promise<void> {
    (await this.#db).close();
  }
}
