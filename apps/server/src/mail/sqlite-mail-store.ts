import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { migrate } from '../storage/sqlite/migrate.ts';
import type { MailStore } from './mail-store.ts';

const MIGRATIONS = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Mention e-mail addresses in their own SQLite file (`<dataDir>/mail/mail.db`). [P-MAIL1] */
export class SqliteMailStore implements MailStore {
  readonly #db: DatabaseSync;
  readonly #upsert: StatementSync;
  readonly #delete: StatementSync;
  readonly #get: StatementSync;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.#db = new DatabaseSync(file);
    this.#db.exec('PRAGMA journal_mode = WAL');
    this.#db.exec('PRAGMA busy_timeout = 5000');
    migrate(this.#db, MIGRATIONS);
    this.#upsert = this.#db.prepare(
      `INSERT INTO mail_addresses (client_id, address, created_at) VALUES (?, ?, ?)
       ON CONFLICT (client_id) DO UPDATE SET address = excluded.address, created_at = excluded.created_at`,
    );
    this.#delete = this.#db.prepare('DELETE FROM mail_addresses WHERE client_id = ?');
    this.#get = this.#db.prepare('SELECT address FROM mail_addresses WHERE client_id = ?');
  }

  async set(clientId: string, address: string): Promise<void> {
    this.#upsert.run(clientId, address, Date.now());
  }

  async remove(clientId: string): Promise<void> {
    this.#delete.run(clientId);
  }

  async get(clientId: string): Promise<string | undefined> {
    const row = this.#get.get(clientId) as { address: string } | undefined;
    return row?.address;
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
