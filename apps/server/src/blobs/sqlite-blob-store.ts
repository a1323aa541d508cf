import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { migrate } from '../storage/sqlite/migrate.ts';
import {
  BLOB_HASH,
  type BlobLimits,
  type BlobStore,
  blobHash,
  type PutBlobResult,
} from './blob-store.ts';

const MIGRATIONS = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Content-addressed blob storage in its own SQLite file (kept apart from messages so it can
 * be wiped or moved alone). Each blob has an owner charged against a byte quota and an
 * expiry, pushed back on every re-upload of the same bytes. [P-BLOB1]
 */
export class SqliteBlobStore implements BlobStore {
  readonly #db: DatabaseSync;
  readonly #limits: BlobLimits;
  readonly #get: StatementSync;
  readonly #exists: StatementSync;
  readonly #used: StatementSync;
  readonly #usedByIp: StatementSync;
  readonly #usedByAll: StatementSync;
  readonly #insert: StatementSync;
  readonly #touch: StatementSync;
  readonly #sweep: StatementSync;

  constructor(file: string, limits: BlobLimits) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.#db = new DatabaseSync(file);
    this.#db.exec('PRAGMA journal_mode = WAL');
    this.#db.exec('PRAGMA synchronous = FULL');
    this.#db.exec('PRAGMA busy_timeout = 5000');
    migrate(this.#db, MIGRATIONS);
    this.#limits = limits;
    this.#get = this.#db.prepare('SELECT data FROM blobs WHERE hash = ? AND expires_at > ?');
    this.#exists = this.#db.prepare('SELECT owner FROM blobs WHERE hash = ?');
    this.#used = this.#db.prepare(
      'SELECT coalesce(sum(size), 0) AS used FROM blobs WHERE owner = ? AND expires_at > ?',
    );
    this.#usedByIp = this.#db.prepare(
      'SELECT coalesce(sum(size), 0) AS used FROM blobs WHERE ip = ? AND expires_at > ?',
    );
    this.#usedByAll = this.#db.prepare(
      'SELECT coalesce(sum(size), 0) AS used FROM blobs WHERE expires_at > ?',
    );
    this.#insert = this.#db.prepare(
      'INSERT INTO blobs (hash, owner, size, data, expires_at, ip) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#touch = this.#db.prepare('UPDATE blobs SET expires_at = ? WHERE hash = ?');
    this.#sweep = this.#db.prepare('DELETE FROM blobs WHERE expires_at <= ?');
  }

  /** Stores bytes under their SHA-256 unless the owner's, its IP's or everyone's budget is full. */
  async put(owner: string, ip: string, data: Uint8Array, now = Date.now()): Promise<PutBlobResult> {
    const hash = blobHash(data);
    const expiresAt = now + this.#limits.ttlMs;
    this.#sweep.run(now);
    if (this.#exists.get(hash)) {
      // Same bytes already here (content addressing): keep them longer, charge nobody again.
      this.#touch.run(expiresAt, hash);
      return { ok: true, hash, size: data.length };
    }
    const used = (statement: StatementSync, key?: string) =>
      (key === undefined ? statement.get(now) : statement.get(key, now)) as { used: number };
    const size = data.length;
    if (used(this.#used, owner).used + size > this.#limits.quotaBytes) {
      return { ok: false, reason: 'quota' };
    }
    if (used(this.#usedByIp, ip).used + size > this.#limits.ipQuotaBytes) {
      return { ok: false, reason: 'quota' };
    }
    if (used(this.#usedByAll).used + size > this.#limits.diskBudgetBytes) {
      return { ok: false, reason: 'full' };
    }
    this.#insert.run(hash, owner, size, data, expiresAt, ip);
    return { ok: true, hash, size: data.length };
  }

  /** The bytes of an unexpired blob; undefined for unknown, expired or malformed hashes. */
  async get(hash: string, now = Date.now()): Promise<Uint8Array | undefined> {
    if (!BLOB_HASH.test(hash)) return undefined;
    const row = this.#get.get(hash, now) as { data: Uint8Array } | undefined;
    return row?.data;
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}
