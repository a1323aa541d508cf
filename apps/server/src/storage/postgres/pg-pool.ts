import pg from 'pg';
import { storageError } from './pg-errors.ts';

/** Where a PostgreSQL storage lives: a connection URL and, optionally, its own schema. */
export type PgPlace = {
  url: string;
  /** Tables go in this schema (created when missing) instead of `public`; tests use one each. */
  schema?: string;
  /** Connections in the pool; default 10. */
  max?: number;
  /** The connections' application_name (pg_stat_activity); default "yam". */
  name?: string;
};

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;
const INT8 = 20;
const NUMERIC = 1700;

/**
 * bigint and numeric come back as numbers: seqs, ids, times and byte sums stay far below
 * 2^53, and the Storage interface speaks numbers.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * A connection pool with number parsing and the place's schema as its search path. A
 * connection the database drops while idle is logged by the caller's `onError`, never
 * thrown: the pool replaces it on the next query.
 */
export function openPool(place: PgPlace, onError: (error: Error) => void): pg.Pool {
  if (place.schema !== undefined && !SCHEMA.test(place.schema)) {
    throw new TypeError(`invalid PostgreSQL schema name "${place.schema}"`);
  }
  const pool = new pg.Pool({
    connectionString: place.url,
    max: place.max ?? 10,
    types,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    // A database host that vanished without closing the socket is noticed eventually.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(place.schema ? { options: `-c search_path=${place.schema}` } : {}),
    application_name: place.name ?? 'yam',
  });
  pool.on('error', onError);
  return pool;
}

export type Db = pg.Pool | pg.PoolClient;

/**
 * Runs `work` in one transaction on one connection: COMMIT when it resolves (unless `keep`
 * says the result changed nothing worth keeping: then ROLLBACK), ROLLBACK when it throws.
 * Connection failures come out as retryable storage errors.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (db: pg.PoolClient) => Promise<T>,
  keep: (result: T) => boolean = () => true,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw storageError(error);
  }
  let broken: unknown;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query(keep(result) ? 'COMMIT' : 'ROLLBACK');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError;
    });
    throw storageError(error);
  } finally {
    // A connection that could not roll back is not handed out again.
    client.release(broken instanceof Error ? broken : undefined);
  }
}

/** Runs one statement outside a transaction (it commits alone). */
export async function query<R extends pg.QueryResultRow>(
  db: Db,
  text: string,
  values: unknown[] = [],
): Promise<pg.QueryResult<R>> {
  try {
    return await db.query<R>(text, values);
  } catch (error) {
    throw storageError(error);
  }
}

/** Rows of one statement. */
export async function rows<R extends pg.QueryResultRow>(
  db: Db,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  return (await query<R>(db, text, values)).rows;
}

/** A bytea value as the Uint8Array the Storage interface hands out. */
export function bytes(value: Buffer): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * Serialises writers on a key for the rest of the transaction, across every server
 * sharing the database (e.g. one client's KeyPackage count, one recipient's inbox caps).
 */
export async function lockKey(db: pg.PoolClient, key: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}
