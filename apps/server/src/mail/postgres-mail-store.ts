import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { openMigratedPool } from '../storage/postgres/pg-migrate.ts';
import { type PgPlace, rows } from '../storage/postgres/pg-pool.ts';
import type { MailStore } from './mail-store.ts';

const MIGRATIONS = fileURLToPath(new URL('./postgres-migrations/', import.meta.url));

/** Mention e-mail addresses in PostgreSQL (`--postgres`), seen by every server. [P-MAIL1] */
export class PostgresMailStore implements MailStore {
  readonly #pool: pg.Pool;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** Connects and applies the mail migrations; throws (pool closed) when it cannot. */
  static async open(place: PgPlace, onError: (error: Error) => void = () => {}) {
    const pool = await openMigratedPool({ max: 2, ...place }, 'mail', MIGRATIONS, onError);
    return new PostgresMailStore(pool);
  }

  async set(clientId: string, address: string): Promise<void> {
    await rows(
      this.#pool,
      `INSERT INTO mail_addresses (client_id, address, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (client_id) DO UPDATE SET address = excluded.address, created_at = excluded.created_at`,
      [clientId, address, Date.now()],
    );
  }

  async remove(clientId: string): Promise<void> {
    await rows(this.#pool, 'DELETE FROM mail_addresses WHERE client_id = $1', [clientId]);
  }

  async get(clientId: string): Promise<string | undefined> {
    const [row] = await rows<{ address: string }>(
      this.#pool,
      'SELECT address FROM mail_addresses WHERE client_id = $1',
      [clientId],
    );
    return row?.address;
  }

  close(): void {
    void this.#pool.end().catch(() => {});
  }
}
