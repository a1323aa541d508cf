import type pg from 'pg';
import type { InboxUsage } from '../sqlite/sqlite-inbox-table.ts';
import type { InboxQuery, InboxRecord } from '../storage.ts';
import { bytes, type Db, lockKey, rows } from './pg-pool.ts';

/**
 * Welcome inboxes in PostgresStorage: a Welcome is stored once and referenced by one inbox
 * item per recipient; items expire with their Welcome's `ts`. [P-DS3] [P-DS4] [P-DS7]
 */
export const pgInbox = {
  /**
   * One Welcome row, one inbox item per distinct recipient. [P-DS3] Each recipient's inbox
   * is locked first, so its item IDs commit in increasing order and a client paging by
   * `after` never skips an item that commits late.
   */
  async store(
    db: pg.PoolClient,
    room: string,
    from: string,
    ts: number,
    to: readonly string[],
    data: Uint8Array,
  ) {
    const [welcome] = await rows<{ id: number }>(
      db,
      'INSERT INTO welcomes (room, from_id, data, ts) VALUES ($1, $2, $3, $4) RETURNING id',
      [room, from, data, ts],
    );
    for (const recipient of [...new Set(to)].sort()) await lockKey(db, `inbox:${recipient}`);
    const items: { to: string; id: number }[] = [];
    for (const recipient of new Set(to)) {
      const [item] = await rows<{ id: number }>(
        db,
        'INSERT INTO inbox (client_id, welcome_id) VALUES ($1, $2) RETURNING id',
        [recipient, welcome!.id],
      );
      items.push({ to: recipient, id: item!.id });
    }
    return items;
  },

  async usage(db: Db, clientId: string, room: string, notBefore: number): Promise<InboxUsage> {
    const [use] = await rows<InboxUsage>(
      db,
      `SELECT count(*) AS items, coalesce(sum(octet_length(w.data)), 0) AS bytes,
         count(*) FILTER (WHERE w.room LIKE 'dm-%') AS "dmItems",
         coalesce(sum(octet_length(w.data)) FILTER (WHERE w.room LIKE 'dm-%'), 0) AS "dmBytes",
         count(*) FILTER (WHERE w.room = $1) AS "inRoom"
       FROM inbox i JOIN welcomes w ON w.id = i.welcome_id WHERE i.client_id = $2 AND w.ts >= $3`,
      [room, clientId, notBefore],
    );
    return use!;
  },

  async page(db: Db, clientId: string, query: InboxQuery): Promise<InboxRecord[]> {
    const found = await rows<{
      id: number;
      room: string;
      from_id: string;
      data: Buffer;
      ts: number;
    }>(
      db,
      `SELECT i.id, w.room, w.from_id, w.data, w.ts FROM inbox i JOIN welcomes w ON w.id = i.welcome_id
       WHERE i.client_id = $1 AND i.id > $2 AND w.ts >= $3 ORDER BY i.id LIMIT $4`,
      [clientId, query.after, query.notBefore, query.limit],
    );
    return found.map((r) => ({
      id: r.id,
      room: r.room,
      from: r.from_id,
      data: bytes(r.data),
      ts: r.ts,
    }));
  },

  /** Deletes one item, and its Welcome once no item refers to it. */
  async delete(db: Db, clientId: string, id: number): Promise<boolean> {
    const [row] = await rows<{ welcome_id: number }>(
      db,
      'DELETE FROM inbox WHERE client_id = $1 AND id = $2 RETURNING welcome_id',
      [clientId, id],
    );
    if (!row) return false;
    await rows(
      db,
      'DELETE FROM welcomes WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM inbox WHERE welcome_id = $1)',
      [row.welcome_id],
    );
    return true;
  },

  async expire(db: Db, before: number): Promise<number> {
    const items = await rows(
      db,
      'DELETE FROM inbox WHERE welcome_id IN (SELECT id FROM welcomes WHERE ts < $1) RETURNING 1',
      [before],
    );
    await rows(db, 'DELETE FROM welcomes WHERE ts < $1', [before]);
    return items.length;
  },
};
