import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { SecretEntry, SecretKind, SecretStore } from '@yam/client';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS secrets (
  kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, PRIMARY KEY (kind, key)
) WITHOUT ROWID;
`;

/**
 * The CLI's SecretStore: a table in the same SQLite file as its messages (mode 0600, set by
 * SqliteClientStore). MLS groups, KeyPackage private keys and invite keys stay on disk here.
 */
export class SqliteSecretStore implements SecretStore {
  readonly #db: DatabaseSync;
  readonly #get: StatementSync;
  readonly #put: StatementSync;
  readonly #delete: StatementSync;
  readonly #list: StatementSync;

  constructor(path: string) {
    this.#db = new DatabaseSync(path);
    this.#db.exec(
      'PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;',
    );
    this.#db.exec(SCHEMA);
    this.#get = this.#db.prepare('SELECT value FROM secrets WHERE kind = ? AND key = ?');
    this.#put = this.#db.prepare(
      'INSERT INTO secrets (kind, key, value) VALUES (?, ?, ?) ' +
        'ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value',
    );
    this.#delete = this.#db.prepare('DELETE FROM secrets WHERE kind = ? AND key = ?');
    // substr() rather than LIKE: keys may hold '%' or '_'.
    this.#list = this.#db.prepare(
      'SELECT key, value FROM secrets WHERE kind = ? AND substr(key, 1, length(?)) = ? ORDER BY key',
    );
  }

  async get(kind: SecretKind, key: string): Promise<Uint8Array | undefined> {
    const row = this.#get.get(kind, key) as { value: Uint8Array } | undefined;
    return row ? new Uint8Array(row.value) : undefined;
  }

  async put(kind: SecretKind, key: string, value: Uint8Array): Promise<void> {
    this.#put.run(kind, key, value);
  }

  async delete(kind: SecretKind, key: string): Promise<void> {
    this.#delete.run(kind, key);
  }

  async getMany(kind: SecretKind, keys: readonly string[]): Promise<(Uint8Array | undefined)[]> {
    return keys.map((key) => {
      const row = this.#get.get(kind, key) as { value: Uint8Array } | undefined;
      return row ? new Uint8Array(row.value) : undefined;
    });
  }

  async putMany(kind: SecretKind, entries: readonly SecretEntry[]): Promise<void> {
    if (entries.length === 0) return;
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const { key, value } of entries) this.#put.run(kind, key, value);
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  async list(kind: SecretKind, prefix = ''): Promise<SecretEntry[]> {
    const rows = this.#list.all(kind, prefix, prefix) as { key: string; value: Uint8Array }[];
    return rows.map((r) => ({ key: r.key, value: new Uint8Array(r.value) }));
  }

  close(): void {
    this.#db.close();
  }
}
