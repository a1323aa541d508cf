/**
 * Child script: the Yam server with its built-in TURN on 127.0.0.1, port 0, a temp data dir
 * and every quota and bandwidth cap raised, so the bench measures relaying, not throttling.
 * Prints `{"turnPort","pid"}` as one JSON line. Usage: node our-turn-server.ts <secret>
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@yam/server';

const UNLIMITED = 1_000_000_000;
const secret = process.argv[2] ?? 'S';
const dataDir = await mkdtemp(join(tmpdir(), 'yam-turn-bench-'));
const server = await startServer({
  host: '127.0.0.1',
  port: 0,
  dataDir,
  logLevel: 'silent',
  turn: {
    port: 0,
    host: '127.0.0.1',
    relayHost: '127.0.0.1',
    secret,
    allowLoopbackPeers: true,
    maxAllocationsPerClient: 1000,
    maxAllocations: 10_000,
    bandwidthBytesPerSec: UNLIMITED * 1000,
    requestsPerSecPerIp: UNLIMITED,
  },
});
console.log(JSON.stringify({ turnPort: server.turnPort, pid: process.pid }));

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
