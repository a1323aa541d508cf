import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { migrate } from '../storage/sqlite/migrate.ts';
import type { PushStore, PushSubscriptionRecord } from './push-store.ts';

const MIGRATIONS = fileURLToPath(new URL('./migrations/', import.meta.url));

type Row = { client_id: string; endpoint: string; p256dh: string; auth: string };

/** Push subscriptions in their own SQLite file (`<dataDir>/push/push.db`). */
export class SqlitePushStore implements PushStore {
  readonly #db: DatabaseSync;
  readonly #upsert: StatementSync;
  readonly #dropRooms: StatementSync;
  readonly #addRoom: StatementSync;
  readonly #delete: StatementSync;
  readonly #deleteEndpoint: StatementSync;
  readonly #dropEndpointRooms: StatementSync;
  readonly #count: StatementSync;
  readonly #has: StatementSync;
  readonly #forRoom: StatementSync;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.#db = new DatabaseSync(file);
    this.#db.exec('PRAGMA journal_mode = WAL');
    this.#db.exec('PRAGMA busy_timeout = 5000');
    migrate(this.#db, MIGRATIONS);
    const db = this.#db;
    this.#upsert = db.prepare(
      `INSERT INTO push_subscriptions (client_id, endpoint, p256dh, auth, created_at)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (client_id, endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth`,
    );
    this.#dropRooms = db.prepare('DELETE FROM push_rooms WHERE client_id = ? AND endpoint = ?');
    this.#addRoom = db.prepare(
      'INSERT OR IGNORE INTO push_rooms (room, client_id, endpoint) VALUES (?, ?, ?)',
    );
    this.#delete = db.prepare(
      'DELETE FROM push_subscriptions WHERE client_id = ? AND endpoint = ?',
    );
    this.#deleteEndpoint = db.prepare('DELETE FROM push_subscriptions WHERE endpoint = ?');
    this.#dropEndpointRooms = db.prepare('DELETE FROM push_rooms WHERE endpoint = ?');
    this.#count = db.prepare('SELECT count(*) AS n FROM push_subscriptions WHERE client_id = ?');
    this.#has = db.prepare('SELECT 1 FROM push_subscriptions WHERE client_id = ? AND endpoint = ?');
    this.#forRoom = db.prepare(
      `SELECT s.client_id, s.endpoint, s.p256dh, s.auth FROM push_rooms r
       JOIN push_subscriptions s ON s.client_id = r.client_id AND s.endpoint = r.endpoint
       WHERE r.room = ?`,
    );
  }

  async put(sub: PushSubscriptionRecord, rooms: readonly string[]): Promise<void> {
    this.#tx(() => {
      this.#upsert.run(sub.clientId, sub.endpoint, sub.p256dh, sub.auth, Date.now());
      this.#dropRooms.run(sub.clientId, sub.endpoint);
      for (const room of new Set(rooms)) this.#addRoom.run(room, sub.clientId, sub.endpoint);
    });
  }

  async remove(clientId: string, endpoint: string): Promise<void> {
    this.#tx(() => {
      this.#delete.run(clientId, endpoint);
      this.#dropRooms.run(clientId, endpoint);
    });
  }

  async removeEndpoint(endpoint: string): Promise<void> {
    this.#tx(() => {
      this.#deleteEndpoint.run(endpoint);
      this.#dropEndpointRooms.run(endpoint);
    });
  }

  async countFor(clientId: string): Promise<number> {
    return Number((this.#count.get(clientId) as { n: number }).n);
  }

  async has(clientId: string, endpoint: string): Promise<boolean> {
    return this.#has.get(clientId, endpoint) !== undefined;
  }

  async forRoom(room: string): Promise<PushSubscriptionRecord[]> {
    return (this.#forRoom.all(room) as Row[]).map((r) => ({
      clientId: r.client_id,
      endpoint: r.endpoint,
      p256dh: r.p256dh,
      auth: r.auth,
    }));
  }

  close(): void {
    this.#db.close();
  }

  #tx(work: () => void): void {
    this.#db.exec('BEGIN');
    try {
      work();
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }
}
