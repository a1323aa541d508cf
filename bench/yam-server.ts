/**
 * Runs the real Yam server in its own process for the bench: port 0 on 127.0.0.1, a temp
 * data dir (removed on exit), silent logs, and rate limits raised so the load measures the
 * server's cost rather than its throttling. Prints `{"url","pid"}` as one JSON line.
 * `--max-connections N` lifts the connection cap for the idle test; `--redis URL` makes it
 * one of several instances.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '@yam/server';

const { values } = parseArgs({
  options: {
    'max-connections': { type: 'string', default: '20000' },
    // The history-flood bench measures the server as deployed: default rate limits.
    'default-limits': { type: 'boolean', default: false },
    // One of several instances (bench/multi-instance-bench.ts): fan-out through this Redis.
    redis: { type: 'string' },
    'redis-prefix': { type: 'string', default: 'yam-bench:' },
    // -1: one write per frame, to measure what write batching saves (limits.writeDelayMs).
    'write-delay-ms': { type: 'string' },
  },
});
const UNLIMITED = 1_000_000_000;
const dataDir = await mkdtemp(join(tmpdir(), 'yam-bench-'));
const server = await startServer({
  host: '127.0.0.1',
  port: 0,
  dataDir,
  logLevel: 'silent',
  ...(values.redis ? { redisUrl: values.redis, cluster: { prefix: values['redis-prefix'] } } : {}),
  limits: values['default-limits']
    ? {}
    : {
        connectionRatePerSec: UNLIMITED,
        connectionBurst: UNLIMITED,
        ipRatePerSec: UNLIMITED,
        ipBurst: UNLIMITED,
        maxConnections: Number(values['max-connections']),
        // Every bench client comes from 127.0.0.1.
        maxConnectionsPerIp: Number(values['max-connections']),
        maxUnauthenticatedPerIp: Number(values['max-connections']),
        // The bench admits whole rooms from one address: every member asks to join first.
        maxPendingJoinsPerIp: UNLIMITED,
        maxPendingJoinsPerRoom: UNLIMITED,
        // Thousands of handshakes queue behind each other; do not cut slow ones off.
        authTimeoutMs: 120_000,
        ...(values['write-delay-ms'] ? { writeDelayMs: Number(values['write-delay-ms']) } : {}),
      },
});
const url = new URL('/ws', server.url);
url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
console.log(JSON.stringify({ url: url.toString(), pid: process.pid }));

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.close().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
