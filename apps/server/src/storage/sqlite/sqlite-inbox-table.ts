import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { InboxQuery, InboxRecord } from '../storage.ts';

/** How full a recipient's inbox is (unexpired items only), all rooms and DM rooms apart. */
export type InboxUsage = {
  items: number;
  bytes: number;
  dmItems: number;
  dmBytes: number;
  /** Unexpired items for this one room. */
  inRoom: number;
};

/**
 * Welcome inboxes in SqliteStorage (migrations 0002, 0005): a Welcome is stored once and
 * referenced by one inbox item per recipient; items expire with their Welcome's `ts`.
 * [P-DS3] [P-DS4] [P-DS7] Synchronous, like the other SQLite tables.
 */
export class SqliteInboxTable {
  readonly #welcomeInsert: StatementSync;
  readonly #itemInsert: StatementSync;
  readonly #page: StatementSync;
  readonly #delete: StatementSync;
  readonly #welcomeGc: StatementSync;
  readonly #usage: StatementSync;
  readonly #expireItems: StatementSync;
  readonly #expireWelcomes: StatementSync;

  constructor(db: DatabaseSync) {
    this.#welcomeInsert = db.prepare(
      'INSERT INTO welcomes (room, from_id, data, ts) VALUES (?, ?, ?, ?) RETURNING id',
    );
    this.#itemInsert = db.prepare(
      'INSERT INTO inbox (client_id, welcome_id) VALUES (?, ?) RETURNING id',
    );
    this.#page = db.prepare(
      `SELECT i.id, w.room, w.from_id, w.data, w.ts FROM inbox i JOIN welcomes w ON w.id = i.welcome_id
       WHERE i.client_id = ? AND i.id > ? AND w.ts >= ? ORDER BY i.id LIMIT ?`,
    );
    this.#delete = db.prepare(
      'DELETE FROM inbox WHERE client_id = ? AND id = ? RETURNING welcome_id',
    );
    this.#welcomeGc = db.prepare(
      'DELETE FROM welcomes WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM inbox WHERE welcome_id = ?1)',
    );
    this.#usage = db.prepare(
      `SELECT count(*) AS items, coalesce(sum(length(w.data)), 0) AS bytes,
         coalesce(sum(w.room LIKE 'dm-%'), 0) AS dmItems,
         coalesce(sum(CASE WHEN w.room LIKE 'dm-%' THEN length(w.data) ELSE 0 END), 0) AS dmBytes,
         coalesce(sum(w.room = ?), 0) AS inRoom
       FROM inbox i JOIN welcomes w ON w.id = i.welcome_id WHERE i.client_id = ? AND w.ts >= ?`,
    );
    this.#expireItems = db.prepare(
      'DELETE FROM inbox WHERE welcome_id IN (SELECT id FROM welcomes WHERE ts < ?)',
    );
    this.#expireWelcomes = db.prepare('DELETE FROM welcomes WHERE ts < ?');
  }

  /** One Welcome row, one inbox item per distinct recipient. [P-DS3] */
  store(room: string, from: string, ts: number, to: readonly string[], data: Uint8Array) {
    const { id: welcomeId } = this.#welcomeInsert.get(room, from, data, ts) as { id: number };
    return [...new Set(to)].map((recipient) => {
      const { id } = this.#itemInsert.get(recipient, welcomeId) as { id: number };
      return { to: recipient, id };
    });
  }

  usage(clientId: string, room: string, notBefore: number): InboxUsage {
    return this.#usage.get(room, clientId, notBefore) as InboxUsage;
  }

  page(clientId: string, query: InboxQuery): InboxRecord[] {
    const rows = this.#page.all(clientId, query.after, query.notBefore, query.limit) as {
      id: number;
      room: string;
      from_id: string;
      data: Uint8Array;
      ts: number;
    }[];
    return rows.map((r) => ({ id: r.id, room: r.room, from: r.from_id, data: r.data, ts: r.ts }));
  }

  delete(clientId: string, id: number): boolean {
    const row = this.#delete.get(clientId, id) as { welcome_id: number } | undefined;
    if (!row) return false;
    this.#welcomeGc.run(row.welcome_id);
    return true;
  }

  expire(before: number): number {
    const items = Number(this.#expireItems.run(before).changes);
    this.#expireWelcomes.run(before);
    return items;
  }
}
