import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PG_TEST_URL as PG_URL, pgAvailable } from '../../server/test/postgres/pg-test-place.ts';
import { type CliProcess, spawnCli } from './cli-process.ts';

const available = await pgAvailable();
const running: CliProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const p of running.splice(0)) {
    p.child.kill('SIGTERM');
    await p.exited;
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function serve(env: Record<string, string>, ...extra: string[]): CliProcess {
  const data = mkdtempSync(join(tmpdir(), 'yam-serve-pg-'));
  dirs.push(data);
  const args = ['serve', '--host', '127.0.0.1', '--port', '0', '--data', data, '--no-turn'];
  const p = spawnCli([...args, '--log-level', 'silent', ...extra], env);
  running.push(p);
  return p;
}

/** The one line `yam serve` printed on stderr before exiting. */
const lines = (p: CliProcess) => p.stderr().trim().split('\n');

describe('yam serve --postgres: a database it cannot use stops it at start, in one line', () => {
  it('a URL that is no PostgreSQL URL: usage error (2) naming the flag, without echoing the URL', async () => {
    const p = serve({}, '--postgres', 'mysql://root:hunter2@db/yam');
    expect(await p.exited).toBe(2);
    expect(lines(p)).toHaveLength(1);
    expect(p.stderr()).toContain('--postgres / YAM_POSTGRES_URL');
    expect(p.stderr()).not.toContain('hunter2');
  });

  it('an unreachable database (YAM_POSTGRES_URL): exit 1, says where it looked and what to check', async () => {
    const p = serve({ YAM_POSTGRES_URL: 'postgres://yam:secret-pw@127.0.0.1:1/yam' });
    expect(await p.exited).toBe(1);
    expect(lines(p)).toEqual([
      'yam: cannot reach PostgreSQL at yam@127.0.0.1:1/yam (ECONNREFUSED): check that it is running and that --postgres / YAM_POSTGRES_URL names the right host and port',
    ]);
    expect(p.stderr()).not.toContain('secret-pw');
  });

  it.skipIf(!available)(
    'a database that does not exist: exit 1, says how to create it',
    async () => {
      const url = new URL(PG_URL);
      url.pathname = '/yam_no_such_database';
      const p = serve({}, '--postgres', url.toString());
      expect(await p.exited).toBe(1);
      expect(lines(p)).toHaveLength(1);
      expect(p.stderr()).toContain('has no database "yam_no_such_database": create it');
    },
  );
});

describe.skipIf(!available)('yam serve --postgres with a database', () => {
  const schema = `yam_test_cli_${process.pid}`;
  afterAll(async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect().catch(() => {});
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await client.end().catch(() => {});
  });

  it('starts, with its tables in the database', async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
      const url = new URL(PG_URL);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const p = serve({}, '--postgres', url.toString());
      await p.waitForLine((l) => l.startsWith('Yam is running at '));
      const tables = await client.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name IN ('messages', 'blobs')",
        [schema],
      );
      expect(tables.rows.map((r) => r.table_name).sort()).toEqual(['blobs', 'messages']);
    } finally {
      await client.end();
    }
  });
});
