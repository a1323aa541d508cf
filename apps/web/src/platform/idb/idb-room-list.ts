import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { RoomEntry } from '../../features/rooms/room-entry.ts';

interface RoomListSchema extends DBSchema {
  rooms: { key: string; value: RoomEntry };
}

const VERSION = 1;

/**
 * The room list in IndexedDB, one database for all servers: a room on any server is
 * one entry, keyed by its Room URL without the name.
 */
export class IdbRoomList {
  readonly #db: Promise<IDBPDatabase<RoomListSchema>>;

  constructor(dbName = 'yam-rooms') {
    this.#db = openDB<RoomListSchema>(dbName, VERSION, {
      upgrade(db) {
        db.createObjectStore('rooms', { keyPath: 'key' });
      },
    });
  }

  async list(): Promise<RoomEntry[]> {
    return (await this.#db).getAll('rooms');
  }

  async put(entry: RoomEntry): Promise<void> {
    await (await this.#db).put('rooms', entry);
  }

  async delete(key: string): Promise<void> {
    await (await this.#db).delete('rooms', key);
  }

  async close(): Promise<void> {
    (await this.#db).close();
  }
}
