import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { PostgresOptions } from '../../src/index.ts';

const URL = process.env.YAM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * With `YAM_TEST_STORAGE=postgres`, test servers keep their storage and blobs in
 * PostgreSQL (`--postgres`) instead of SQLite: one schema per data folder, so a server
 * restarted on the same folder finds its data again. Undefined otherwise, and for a folder
 * a test already filled with SQLite storage of its own.
 */
export function testPostgres(dataDir: string): PostgresOptions | undefined {
  if (process.env.YAM_TEST_STORAGE !== 'postgres') return undefined;
  if (existsSync(join(dataDir, 'yam.db'))) return undefined;
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  return { url: URL, schema: `yam_srv_${hash}` };
}

/** Drops a test server's schema. */
export async function dropTestSchema(options: PostgresOptions): Promise<void> {
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${options.schema} CASCADE`);
  } finally {
    await client.end();
  }
}
