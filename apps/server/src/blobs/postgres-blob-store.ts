import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { openMigratedPool } from '../storage/postgres/pg-migrate.ts';
import { bytes, inTransaction, lockKey, type PgPlace, rows } from '../storage/postgres/pg-pool.ts';
import {
  BLOB_HASH,
  type BlobLimits,
  type BlobStore,
  blobHash,
  type PutBlobResult,
} from './blob-store.ts';

const MIGRATIONS = fileURLToPath(new URL('./postgres-migrations/', import.meta.url));

/**
 * Blobs in PostgreSQL (metadata and bytes, `bytea`), so every server behind the load
 * balancer serves every blob. Same quotas and expiry as SqliteBlobStore [P-BLOB1]
 * [P-BLOB3]; uploads take one advisory lock, so servers storing at once cannot pass the
 * owner's, the IP's or everyone's budget together.
 */
export class PostgresBlobStore implements BlobStore {
  readonly #pool: pg.Pool;
  readonly #limits: BlobLimits;

  private constructor(pool: pg.Pool, limits: BlobLimits) {
    this.#pool = pool;
    this.#limits = limits;
  }

  /** Connects and applies the blob migrations; throws (pool closed) when it cannot. */
  static async open(
    place: PgPlace,
    limits: BlobLimits,
    onError: (error: Error) => void = () => {},
  ) {
    const pool = await openMigratedPool({ max: 4, ...place }, 'blobs', MIGRATIONS, onError);
    return new PostgresBlobStore(pool, limits);
  }

  put(owner: string, ip: string, data: Uint8Array, now = Date.now()): Promise<PutBlobResult> {
    const hash = blobHash(data);
    const size = data.length;
    const expiresAt = now + this.#limits.ttlMs;
    return inTransaction(this.#pool, async (db): Promise<PutBlobResult> => {
      await lockKey(db, 'blobs');
      await rows(db, 'DELETE FROM blobs WHERE expires_at <= $1', [now]);
      // Same bytes already here (content addressing): keep them longer, charge nobody again.
      const touched = await rows(
        db,
        'UPDATE blobs SET expires_at = $2 WHERE hash = $1 RETURNING 1',
        [hash, expiresAt],
      );
      if (touched.length > 0) return { ok: true, hash, size };
      const [used] = await rows<{ owner: number; ip: number; all: number }>(
        db,
        `SELECT coalesce(sum(size) FILTER (WHERE owner = $1), 0) AS owner,
           coalesce(sum(size) FILTER (WHERE ip = $2), 0) AS ip, coalesce(sum(size), 0) AS all
         FROM blobs WHERE expires_at > $3`,
        [owner, ip, now],
      );
      if (used!.owner + size > this.#limits.quotaBytes) return { ok: false, reason: 'quota' };
      if (used!.ip + size > this.#limits.ipQuotaBytes) return { ok: false, reason: 'quota' };
      if (used!.all + size > this.#limits.diskBudgetBytes) return { ok: false, reason: 'full' };
      await rows(
        db,
        'INSERT INTO blobs (hash, owner, ip, size, data, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [hash, owner, ip, size, data, expiresAt],
      );
      return { ok: true, hash, size };
    });
  }

  async get(hash: string, now = Date.now()): Promise<Uint8Array | undefined> {
    if (!BLOB_HASH.test(hash)) return undefined;
    const [row] = await rows<{ data: Buffer }>(
      this.#pool,
      'SELECT data FROM blobs WHERE hash = $1 AND expires_at > $2',
      [hash, now],
    );
    return row && bytes(row.data);
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}
