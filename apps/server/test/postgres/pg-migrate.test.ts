import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migratePostgres, PG_MIGRATIONS_DIR } from '../../src/storage/postgres/pg-migrate.ts';
import { openPool } from '../../src/storage/postgres/pg-pool.ts';
import { listMigrations } from '../../src/storage/sqlite/migrate.ts';
import { PG_TEST_URL, pgAvailable, pgTestSchemas } from './pg-test-place.ts';

const available = await pgAvailable();
const newSchema = pgTestSchemas();
const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

function pool(schema: string): pg.Pool {
  const made = openPool({ url: PG_TEST_URL, schema, max: 2 }, () => {});
  pools.push(made);
  return made;
}

/** Tables, columns and indexes of a schema: what a second run must leave alone. */
async function shape(db: pg.Pool, schema: string) {
  const columns = await db.query(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = $1 ORDER BY table_name, column_name`,
    [schema],
  );
  const indexes = await db.query(
    'SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname',
    [schema],
  );
  return { columns: columns.rows, indexes: indexes.rows };
}

describe.skipIf(!available)('PostgreSQL migrations', () => {
  it('applied to an empty schema, then again: the second run is a no-op', async () => {
    const schema = newSchema();
    const db = pool(schema);
    const last = listMigrations(PG_MIGRATIONS_DIR).length;
    expect(await migratePostgres(db, 'storage', PG_MIGRATIONS_DIR, schema)).toBe(last);
    const before = await shape(db, schema);
    const recorded = await db.query('SELECT component, version, applied_at FROM schema_migrations');
    expect(before.columns.length).toBeGreaterThan(0);
    expect(await migratePostgres(db, 'storage', PG_MIGRATIONS_DIR, schema)).toBe(last);
    expect(await shape(db, schema)).toEqual(before);
    expect(
      (await db.query('SELECT component, version, applied_at FROM schema_migrations')).rows,
    ).toEqual(recorded.rows);
  });

  it('servers starting together on an empty schema migrate it once, without racing', async () => {
    const schema = newSchema();
    const versions = await Promise.all(
      Array.from({ length: 4 }, () =>
        migratePostgres(pool(schema), 'storage', PG_MIGRATIONS_DIR, schema),
      ),
    );
    const last = listMigrations(PG_MIGRATIONS_DIR).length;
    expect(versions).toEqual([last, last, last, last]);
    const rows = await pool(schema).query('SELECT count(*) AS n FROM schema_migrations');
    expect(rows.rows[0].n).toBe(last);
  });
});
