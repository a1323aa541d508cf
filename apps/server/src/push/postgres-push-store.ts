import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { openMigratedPool } from '../storage/postgres/pg-migrate.ts';
import { inTransaction, type PgPlace, rows } from '../storage/postgres/pg-pool.ts';
import type { PushStore, PushSubscriptionRecord } from './push-store.ts';

const MIGRATIONS = fileURLToPath(new URL('./postgres-migrations/', import.meta.url));

type Row = { client_id: string; endpoint: string; p256dh: string; auth: string };

/**
 * Push subscriptions in PostgreSQL (`--postgres`), so every server behind the load balancer
 * pushes to every subscription, whichever server took it. Same rules as SqlitePushStore
 * (the contract suite runs on both). [P-PUSH2] [P-PUSH5]
 */
export class PostgresPushStore implements PushStore {
  readonly #pool: pg.Pool;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** Connects and applies the push migrations; throws (pool closed) when it cannot. */
  static async open(place: PgPlace, onError: (error: Error) => void = () => {}) {
    const pool = await openMigratedPool({ max: 2, ...place }, 'push', MIGRATIONS, onError);
    return new PostgresPushStore(pool);
  }

  put(sub: PushSubscriptionRecord, rooms: readonly string[]): Promise<void> {
    return inTransaction(this.#pool, async (db) => {
      await rows(
        db,
        `INSERT INTO push_subscriptions (client_id, endpoint, p256dh, auth, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (client_id, endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth`,
        [sub.clientId, sub.endpoint, sub.p256dh, sub.auth, Date.now()],
      );
      await rows(db, 'DELETE FROM push_rooms WHERE client_id = $1 AND endpoint = $2', [
        sub.clientId,
        sub.endpoint,
      ]);
      const unique = [...new Set(rooms)];
      if (unique.length === 0) return;
      await rows(
        db,
        `INSERT INTO push_rooms (room, client_id, endpoint)
         SELECT room, $2, $3 FROM unnest($1::text[]) AS room ON CONFLICT DO NOTHING`,
        [unique, sub.clientId, sub.endpoint],
      );
    });
  }

  async remove(clientId: string, endpoint: string): Promise<void> {
    // push_rooms rows go with it (ON DELETE CASCADE).
    await rows(
      this.#pool,
      'DELETE FROM push_subscriptions WHERE client_id = $1 AND endpoint = $2',
      [clientId, endpoint],
    );
  }

  async removeEndpoint(endpoint: string): Promise<void> {
    await rows(this.#pool, 'DELETE FROM push_subscriptions WHERE endpoint = $1', [endpoint]);
  }

  async countFor(clientId: string): Promise<number> {
    const [row] = await rows<{ n: number }>(
      this.#pool,
      'SELECT count(*)::int AS n FROM push_subscriptions WHERE client_id = $1',
      [clientId],
    );
    return row?.n ?? 0;
  }

  async has(clientId: string, endpoint: string): Promise<boolean> {
    const found = await rows(
      this.#pool,
      'SELECT 1 FROM push_subscriptions WHERE client_id = $1 AND endpoint = $2',
      [clientId, endpoint],
    );
    return found.length > 0;
  }

  async forRoom(room: string): Promise<PushSubscriptionRecord[]> {
    const found = await rows<Row>(
      this.#pool,
      `SELECT s.client_id, s.endpoint, s.p256dh, s.auth FROM push_rooms r
       JOIN push_subscriptions s ON s.client_id = r.client_id AND s.endpoint = r.endpoint
       WHERE r.room = $1 ORDER BY s.created_at, s.client_id`,
      [room],
    );
    return found.map((r) => ({
      clientId: r.client_id,
      endpoint: r.endpoint,
      p256dh: r.p256dh,
      auth: r.auth,
    }));
  }

  close(): void {
    void this.#pool.end().catch(() => {});
  }
}
