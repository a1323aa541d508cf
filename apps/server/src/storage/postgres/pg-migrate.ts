import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { listMigrations } from '../sqlite/migrate.ts';
import { inTransaction, openPool, type PgPlace } from './pg-pool.ts';

/** The folder of PostgresStorage's numbered migrations. */
export const PG_MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Applies the migrations of `component` ("storage", "blobs") newer than those recorded in
 * `schema_migrations`, in one transaction under an advisory lock: servers starting together
 * wait for each other, and the second finds nothing left to do. Creates `schema` first when
 * given. Returns the resulting version.
 */
export async function migratePostgres(
  pool: pg.Pool,
  component: string,
  dir: string,
  schema?: string,
): Promise<number> {
  const migrations = listMigrations(dir);
  return inTransaction(pool, async (db) => {
    await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `yam-migrations:${schema ?? ''}`,
    ]);
    if (schema) await db.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await db.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         component text NOT NULL,
         version integer NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (component, version)
       )`,
    );
    const done = await db.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM schema_migrations WHERE component = $1',
      [component],
    );
    let version = done.rows[0]?.v ?? 0;
    for (const migration of migrations) {
      if (migration.version <= version) continue;
      await db.query(readFileSync(migration.file, 'utf8'));
      await db.query('INSERT INTO schema_migrations (component, version) VALUES ($1, $2)', [
        component,
        migration.version,
      ]);
      version = migration.version;
    }
    return version;
  });
}

/**
 * A pool for `component` with its migrations applied: what every PostgreSQL store opens
 * with. Throws the database's error when it cannot connect or migrate; the pool is closed then.
 */
export async function openMigratedPool(
  place: PgPlace,
  component: string,
  dir: string,
  onError: (error: Error) => void,
): Promise<pg.Pool> {
  const pool = openPool(place, onError);
  try {
    await migratePostgres(pool, component, dir, place.schema);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return pool;
}
