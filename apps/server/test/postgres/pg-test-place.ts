import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';

/** The test database: YAM_TEST_POSTGRES_URL, or the local one with trust auth. */
export const PG_TEST_URL =
  process.env.YAM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether the test database answers. Unreachable: under CI=true that is a failure (the
 * PostgreSQL suites are required there); elsewhere the suites are skipped with the reason.
 */
export async function pgAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_TEST_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    const reason = `PostgreSQL at ${PG_TEST_URL} is unreachable (${(error as Error).message})`;
    if (process.env.CI === 'true') throw new Error(`${reason}; CI requires the PostgreSQL suites`);
    console.warn(`skipping PostgreSQL tests: ${reason}; set YAM_TEST_POSTGRES_URL`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * A fresh schema name per call (`yam_test_<random>`), so parallel test files and helpers
 * never share tables in the one test database; every schema handed out is dropped after
 * the file's tests.
 */
export function pgTestSchemas(): () => string {
  const made: string[] = [];
  afterAll(async () => {
    if (made.length === 0) return;
    const client = new pg.Client({ connectionString: PG_TEST_URL });
    await client.connect();
    try {
      for (const schema of made) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  });
  return () => {
    const schema = `yam_test_${randomBytes(6).toString('hex')}`;
    made.push(schema);
    return schema;
  };
}
