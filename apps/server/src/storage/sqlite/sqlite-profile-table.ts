import type { DatabaseSync, StatementSync } from 'node:sqlite';

/**
 * The profiles table of SqliteStorage (migration 0003). Synchronous: SqliteStorage runs
 * `put` inside its write transactions, so it commits (and fsyncs) with everything else.
 */
export class SqliteProfileTable {
  readonly #get: StatementSync;
  readonly #upsert: StatementSync;

  constructor(db: DatabaseSync) {
    this.#get = db.prepare('SELECT data FROM profiles WHERE room = ? AND client_id = ?');
    this.#upsert = db.prepare(
      `INSERT INTO profiles (room, client_id, data, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (room, client_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
    );
  }

  /** Stores the record unless the same bytes are stored already; true when it wrote. [P-PROF2] */
  put(room: string, clientId: string, data: Uint8Array, now: number): boolean {
    const stored = this.get(room, clientId);
    if (stored && Buffer.compare(Buffer.from(stored), Buffer.from(data)) === 0) return false;
    this.#upsert.run(room, clientId, data, now);
    return true;
  }

  get(room: string, clientId: string): Uint8Array | undefined {
    const row = this.#get.get(room, clientId) as { data: Uint8Array } | undefined;
    return row?.data;
  }
}
