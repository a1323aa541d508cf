import type pg from 'pg';
import type { ClaimedKeyPackage } from '../storage.ts';
import { bytes, lockKey, rows } from './pg-pool.ts';

/**
 * KeyPackages in PostgresStorage: one-time ones, claimed oldest first and deleted, and at
 * most one last-resort one per client, returned only when no one-time one is left and never
 * deleted by a claim (RFC 9420 §16.8). [P-DS2] Both writes lock the client's key, so the
 * cap holds and no KeyPackage is handed out twice with several servers.
 */
export const pgKeyPackages = {
  async put(
    db: pg.PoolClient,
    clientId: string,
    keyPackages: Uint8Array[],
    max: number,
    lastResort?: Uint8Array,
  ) {
    await lockKey(db, `kp:${clientId}`);
    const [row] = await rows<{ n: number }>(
      db,
      'SELECT count(*) AS n FROM key_packages WHERE client_id = $1 AND NOT last_resort',
      [clientId],
    );
    const count = row!.n;
    if (count + keyPackages.length > max) {
      return { stored: false, count, lastResort: await has(db, clientId) };
    }
    if (keyPackages.length > 0) {
      // One statement for the batch; ids follow array order, so claims stay oldest first.
      await rows(
        db,
        'INSERT INTO key_packages (client_id, data) SELECT $1, d FROM unnest($2::bytea[]) WITH ORDINALITY AS t(d, n) ORDER BY n',
        [clientId, keyPackages.map((kp) => Buffer.from(kp.buffer, kp.byteOffset, kp.byteLength))],
      );
    }
    if (lastResort) {
      await rows(db, 'DELETE FROM key_packages WHERE client_id = $1 AND last_resort', [clientId]);
      await rows(
        db,
        'INSERT INTO key_packages (client_id, data, last_resort) VALUES ($1, $2, true)',
        [clientId, lastResort],
      );
    }
    return { stored: true, count: count + keyPackages.length, lastResort: await has(db, clientId) };
  },

  async claim(
    db: pg.PoolClient,
    clientId: string,
    lastResortOnly: boolean,
  ): Promise<ClaimedKeyPackage | undefined> {
    await lockKey(db, `kp:${clientId}`);
    if (!lastResortOnly) {
      const [row] = await rows<{ data: Buffer }>(
        db,
        `DELETE FROM key_packages WHERE id = (
           SELECT id FROM key_packages WHERE client_id = $1 AND NOT last_resort ORDER BY id LIMIT 1
         ) RETURNING data`,
        [clientId],
      );
      if (row) return { data: bytes(row.data), lastResort: false };
    }
    const [last] = await rows<{ data: Buffer }>(
      db,
      'SELECT data FROM key_packages WHERE client_id = $1 AND last_resort',
      [clientId],
    );
    return last && { data: bytes(last.data), lastResort: true };
  },
};

async function has(db: pg.PoolClient, clientId: string): Promise<boolean> {
  const found = await rows(db, 'SELECT 1 FROM key_packages WHERE client_id = $1 AND last_resort', [
    clientId,
  ]);
  return found.length > 0;
}
