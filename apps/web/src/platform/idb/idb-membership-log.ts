import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/** One membership change of a room as the timeline shows it ("Alice removed Carol"). */
export type MembershipRecord = {
  room: string;
  seq: number;
  ts: number;
  by: string;
  added: string[];
  removed: string[];
  left: boolean;
};

interface LogSchema extends DBSchema {
  lines: { key: [string, number]; value: MembershipRecord };
}

/** The IndexedDB name of one server's membership lines (apart from the SDK's message store). */
export function membershipDbNameFor(serverOrigin: string): string {
  return `yam-membership:${serverOrigin}`;
}

/**
 * The membership changes of every room on one server, kept on this device so the
 * timeline's "Alice removed Carol" lines survive a reload (the SDK reports each change
 * once, when it applies the commit). Keyed by (room, seq): writing one twice is harmless.
 */
export class IdbMembershipLog {
  readonly #db: Promise<IDBPDatabase<LogSchema>>;

  constructor(serverOrigin: string, dbName = membershipDbNameFor(serverOrigin)) {
    this.#db = openDB<LogSchema>(dbName, 1, {
      upgrade(db) {
        db.createObjectStore('lines', { keyPath: ['room', 'seq'] });
      },
    });
  }

  async put(record: MembershipRecord): Promise<void> {
    await (await this.#db).put('lines', record);
  }

  /** The room's lines, ascending by seq. */
  async list(room: string): Promise<MembershipRecord[]> {
    const range = IDBKeyRange.bound([room, 0], [room, Number.MAX_SAFE_INTEGER]);
    return (await this.#db).getAll('lines', range);
  }

  async close(): Promise<void> {
    (await this.#db).close();
  }
}
