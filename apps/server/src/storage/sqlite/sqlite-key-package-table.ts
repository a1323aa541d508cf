import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ClaimedKeyPackage } from '../storage.ts';

/**
 * KeyPackages in SqliteStorage (migrations 0002, 0005): one-time ones, claimed oldest
 * first and deleted, and at most one last-resort one per client, which a claim returns
 * only when no one-time one is left and never deletes (RFC 9420 §16.8). [P-DS2]
 * Synchronous: SqliteStorage runs the writes inside its write transactions.
 */
export class SqliteKeyPackageTable {
  readonly #count: StatementSync;
  readonly #insert: StatementSync;
  readonly #dropLastResort: StatementSync;
  readonly #hasLastResort: StatementSync;
  readonly #oldest: StatementSync;
  readonly #lastResort: StatementSync;
  readonly #delete: StatementSync;

  constructor(db: DatabaseSync) {
    this.#count = db.prepare(
      'SELECT count(*) AS n FROM key_packages WHERE client_id = ? AND last_resort = 0',
    );
    this.#insert = db.prepare(
      'INSERT INTO key_packages (client_id, data, last_resort) VALUES (?, ?, ?)',
    );
    this.#dropLastResort = db.prepare(
      'DELETE FROM key_packages WHERE client_id = ? AND last_resort = 1',
    );
    this.#hasLastResort = db.prepare(
      'SELECT 1 AS x FROM key_packages WHERE client_id = ? AND last_resort = 1',
    );
    this.#oldest = db.prepare(
      'SELECT id, data FROM key_packages WHERE client_id = ? AND last_resort = 0 ORDER BY id LIMIT 1',
    );
    this.#lastResort = db.prepare(
      'SELECT data FROM key_packages WHERE client_id = ? AND last_resort = 1',
    );
    this.#delete = db.prepare('DELETE FROM key_packages WHERE id = ?');
  }

  put(clientId: string, keyPackages: Uint8Array[], max: number, lastResort?: Uint8Array) {
    const count = (this.#count.get(clientId) as { n: number }).n;
    if (count + keyPackages.length > max) {
      return { stored: false, count, lastResort: this.#has(clientId) };
    }
    for (const kp of keyPackages) this.#insert.run(clientId, kp, 0);
    if (lastResort) {
      this.#dropLastResort.run(clientId);
      this.#insert.run(clientId, lastResort, 1);
    }
    return { stored: true, count: count + keyPackages.length, lastResort: this.#has(clientId) };
  }

  claim(clientId: string, lastResortOnly: boolean): ClaimedKeyPackage | undefined {
    if (!lastResortOnly) {
      const row = this.#oldest.get(clientId) as { id: number; data: Uint8Array } | undefined;
      if (row) {
        this.#delete.run(row.id);
        return { data: row.data, lastResort: false };
      }
    }
    const last = this.#lastResort.get(clientId) as { data: Uint8Array } | undefined;
    return last && { data: last.data, lastResort: true };
  }

  #has(clientId: string): boolean {
    return this.#hasLastResort.get(clientId) !== undefined;
  }
}
