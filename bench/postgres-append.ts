// Appends per second and p99 append latency of PostgresStorage against SqliteStorage (the
// baseline) in the same run, at 1, 10 and 50 concurrent appenders:
//   node bench/postgres-append.ts [--seconds 3] [--size 256] [--url postgres://...]
// Each appender awaits its append (the ack) before sending the next. "own rooms": each
// appender writes its own room; "one room": all write the same room, whose row lock
// serialises them. PostgreSQL gets a fresh schema, dropped afterwards; SQLite a temp file.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PostgresStorage, SqliteStorage, type Storage } from '@yam/server';
import pg from 'pg';
import { LatencyHistogram } from './latency-histogram.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    size: { type: 'string', default: '256' },
    url: {
      type: 'string',
      default: process.env.YAM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
  },
});
const seconds = Number(values.seconds);
const payload = randomBytes(Number(values.size));
const CONCURRENCY = [1, 10, 50];

type Result = { perSec: number; p50Ms: number; p99Ms: number };

async function run(storage: Storage, appenders: number, oneRoom: boolean): Promise<Result> {
  const histogram = new LatencyHistogram();
  const tag = randomBytes(4).toString('hex');
  const until = performance.now() + seconds * 1000;
  let count = 0;
  await Promise.all(
    Array.from({ length: appenders }, async (_, a) => {
      const room = oneRoom ? `bench-${tag}` : `bench-${tag}-${a}`;
      for (let i = 0; performance.now() < until; i++) {
        const start = performance.now();
        await storage.append({
          room,
          from: `appender-${a}`,
          cmid: `c-${i}`,
          ts: Date.now(),
          payload,
        });
        histogram.record((performance.now() - start) * 1000);
        count++;
      }
    }),
  );
  return {
    perSec: count / seconds,
    p50Ms: histogram.percentileMs(0.5),
    p99Ms: histogram.percentileMs(0.99),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'yam-bench-sqlite-'));
const schema = `yam_bench_${randomBytes(4).toString('hex')}`;
const sqlite = new SqliteStorage(join(dir, 'yam.db'));
const postgres = await PostgresStorage.open({ url: values.url, schema, max: 20 });
try {
  console.log(
    `append: ${seconds} s per cell, ${payload.length}-byte payloads; ratio = postgres / sqlite`,
  );
  console.log('rooms      appenders | sqlite/s  p99 ms | postgres/s  p99 ms | ratio/s  ratio p99');
  for (const oneRoom of [false, true]) {
    for (const n of CONCURRENCY) {
      const s = await run(sqlite, n, oneRoom);
      const p = await run(postgres, n, oneRoom);
      console.log(
        [
          (oneRoom ? 'one room' : 'own rooms').padEnd(10),
          String(n).padStart(9),
          '|',
          s.perSec.toFixed(0).padStart(8),
          s.p99Ms.toFixed(2).padStart(7),
          '|',
          p.perSec.toFixed(0).padStart(10),
          p.p99Ms.toFixed(2).padStart(7),
          '|',
          (p.perSec / s.perSec).toFixed(2).padStart(7),
          (p.p99Ms / s.p99Ms).toFixed(2).padStart(10),
        ].join(' '),
      );
    }
  }
} finally {
  await sqlite.close();
  await postgres.close();
  rmSync(dir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: values.url });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}
