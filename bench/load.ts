/**
 * The load generator: opens N authenticated clients over R rooms, publishes at a fixed total
 * rate for D seconds from a subset of them, and measures delivery throughput, end-to-end
 * latency and the server's RSS. `node bench/load.ts --url ws://127.0.0.1:PORT/ws --pid PID`
 * drives any running server; bench/run.ts uses runLoad() against two.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { LatencyHistogram } from './latency-histogram.ts';
import type { LoadOptions, LoadResult } from './load-result.ts';
import { loopDelayFile } from './loop-delay.ts';
import { readCpuMs, readRss } from './proc-stats.ts';
import { claimRooms } from './room-claims.ts';
import { nowUs } from './timestamp-payload.ts';
import type { ClientSpec, WorkerCommand } from './worker-messages.ts';
import { WorkerPool } from './worker-pool.ts';

export type { LoadOptions, LoadResult } from './load-result.ts';

const CONNECT_TIMEOUT_MS = 30_000;
/** Whole connect phase: bounded even for 10,000+ clients on a slow server. */
const CONNECT_PHASE_MS = 180_000;

/**
 * Client i joins room i % rooms; the first `publishers` clients (spread over rooms) publish.
 * Room names carry a run tag, so a second run against the same server claims new rooms.
 */
function planClients(options: LoadOptions): {
  specs: ClientSpec[];
  members: Map<string, number>;
  roster: Map<string, string[]>;
} {
  const members = new Map<string, number>();
  const roster = new Map<string, string[]>();
  const specs: ClientSpec[] = [];
  const tag = randomBytes(3).toString('hex');
  for (let i = 0; i < options.clients; i++) {
    const room = options.rooms > 0 ? `bench-${tag}-${i % options.rooms}` : null;
    const seed = randomBytes(32).toString('base64url');
    if (room) {
      members.set(room, (members.get(room) ?? 0) + 1);
      roster.set(room, [...(roster.get(room) ?? []), seed]);
    }
    specs.push({ room, publisher: room !== null && i < options.publishers, seed });
  }
  return { specs, members, roster };
}

async function rssOf(pids: number[]): Promise<number> {
  if (pids.length === 0) return Number.NaN;
  return (await Promise.all(pids.map(readRss))).reduce((a, b) => a + b, 0);
}

async function cpuOf(pids: number[]): Promise<number> {
  if (pids.length === 0) return Number.NaN;
  return (await Promise.all(pids.map(readCpuMs))).reduce((a, b) => a + b, 0);
}

/**
 * Asks each server (started by child-server.ts) for its event-loop delay p99 since the last
 * ask and resets it; the worst of them, NaN when one does not answer within 2 s.
 */
async function loopDelayOf(pids: number[]): Promise<number> {
  const figures = await Promise.all(
    pids.map(async (pid) => {
      const file = loopDelayFile(pid);
      await rm(file, { force: true });
      process.kill(pid, 'SIGUSR2');
      for (let i = 0; i < 40; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const text = await readFile(file, 'utf8').catch(() => '');
        if (text) {
          await rm(file, { force: true });
          return (JSON.parse(text) as { p99Ms: number }).p99Ms;
        }
      }
      return Number.NaN;
    }),
  );
  return figures.length > 0 ? Math.max(...figures) : Number.NaN;
}

/** Runs one bounded load (or idle) round against a server and returns what it measured. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const urls = options.urls ?? [options.url];
  for (const url of urls) {
    const host = new URL(url).hostname;
    if (host !== '127.0.0.1') throw new Error(`only 127.0.0.1 may be loaded, not ${host}`);
  }
  const pids = options.serverPids ?? (options.serverPid === undefined ? [] : [options.serverPid]);
  const { specs, members, roster } = planClients(options);
  // Only members may subscribe: the rooms are claimed and their clients admitted first. [P-MEM2]
  for (const url of urls) await claimRooms(url, roster, CONNECT_TIMEOUT_MS);
  const pool = new WorkerPool(Math.max(1, Math.min(options.workers, options.clients)));
  // Worker w gets clients w, w+W, ...: every worker then holds receivers in every room.
  const shares = Array.from({ length: pool.size }, (_, w) =>
    specs.filter((_, i) => i % pool.size === w),
  );
  try {
    const rssBefore = await rssOf(pids);
    const cpuBefore = await cpuOf(pids);
    const connectStart = nowUs();
    const connected = await pool.ask(
      'connected',
      shares.map((clients, w) => ({
        cmd: 'connect',
        url: urls[w % urls.length]!,
        clients,
        concurrency: options.concurrency,
        timeoutMs: CONNECT_TIMEOUT_MS,
      })),
      CONNECT_PHASE_MS,
    );
    const connectMs = (nowUs() - connectStart) / 1000;
    const cpuConnected = await cpuOf(pids);
    // Let the server settle (timers, GC of handshake garbage) before reading its RSS.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rssConnected = await rssOf(pids);
    const ok = connected.reduce((sum, r) => sum + r.ok, 0);

    const publishing = options.rooms > 0 && options.seconds > 0 && options.rate > 0;
    const latency = new LatencyHistogram();
    const ackLatency = new LatencyHistogram();
    const errors: Record<string, number> = {};
    let sent = 0;
    let expected = 0;
    let delivered = 0;
    let deliveredPerSec = 0;
    let maxBuffered = 0;
    let closes = 0;
    let loadCpuMs = Number.NaN;
    let loopDelayP99Ms = Number.NaN;
    if (publishing) {
      if (options.loopDelay) await loopDelayOf(pids);
      const cpuStart = await cpuOf(pids);
      const published = await pool.ask(
        'published',
        shares.map(
          (): WorkerCommand => ({
            cmd: 'publish',
            rate: options.rate / pool.size,
            seconds: options.seconds,
            size: options.size,
            // cmids must be unique per (room, client) or the server dedups them [P-MSG4]; 8+ chars.
            tag: 'bench-msg',
          }),
        ),
        (options.seconds + 30) * 1000,
      );
      const sentPerRoom = new Map<string, number>();
      for (const r of published) {
        sent += r.sent;
        maxBuffered = Math.max(maxBuffered, r.maxBuffered);
        for (const [room, n] of Object.entries(r.sentPerRoom))
          sentPerRoom.set(room, (sentPerRoom.get(room) ?? 0) + n);
      }
      // Every subscriber of a room receives each of its messages, the sender included. [P-ROOM2]
      const expectedOf = (clients: ClientSpec[]) =>
        clients.reduce((sum, c) => sum + (c.room ? (sentPerRoom.get(c.room) ?? 0) : 0), 0);
      expected = [...sentPerRoom].reduce((sum, [room, n]) => sum + n * (members.get(room) ?? 0), 0);
      const stats = await pool.ask(
        'stats',
        shares.map(
          (clients): WorkerCommand => ({
            cmd: 'drain',
            expected: expectedOf(clients),
            maxDrainMs: 20_000,
            quietMs: 3000,
          }),
        ),
        60_000,
      );
      const startUs = Math.min(...published.map((r) => r.startUs));
      const lastUs = Math.max(...stats.map((s) => s.lastReceiveUs));
      for (const s of stats) {
        delivered += s.received;
        closes += s.closes;
        latency.merge(s.latency);
        ackLatency.merge(s.ack);
        for (const [code, n] of Object.entries(s.errors)) errors[code] = (errors[code] ?? 0) + n;
      }
      deliveredPerSec = lastUs > startUs ? delivered / ((lastUs - startUs) / 1e6) : 0;
      loadCpuMs = (await cpuOf(pids)) - cpuStart;
      if (options.loopDelay) loopDelayP99Ms = await loopDelayOf(pids);
    }
    const rssAfter = await rssOf(pids);
    return {
      connected: ok,
      failed: connected.reduce((sum, r) => sum + r.failed, 0),
      failures: connected.flatMap((r) => r.failures).slice(0, 5),
      connectMs,
      rssBefore,
      rssConnected,
      rssAfter,
      rssPerConnection: ok > 0 ? (rssConnected - rssBefore) / ok : Number.NaN,
      connectCpuMs: cpuConnected - cpuBefore,
      loadCpuMs,
      sent,
      expected,
      delivered,
      deliveredPerSec,
      latency,
      ackLatency,
      maxBuffered,
      errors,
      closes,
      loopDelayP99Ms,
    };
  } finally {
    await pool.close();
  }
}

/** Flags shared by load.ts and run.ts. */
export const LOAD_FLAGS = {
  clients: { type: 'string', default: '1000' },
  rooms: { type: 'string', default: '10' },
  publishers: { type: 'string' },
  rate: { type: 'string', default: '2000' },
  seconds: { type: 'string', default: '10' },
  size: { type: 'string', default: '256' },
  // One worker leaves the second core to the server; use 2 to find saturation on more cores.
  workers: { type: 'string', default: availableParallelism() > 2 ? '2' : '1' },
  concurrency: { type: 'string', default: '50' },
} as const;

/** Load options from parsed flags; publishers default to a tenth of the clients (at least one per room). */
export function loadOptionsFrom(
  values: Record<string, string | boolean | undefined>,
  url: string,
): LoadOptions {
  const num = (key: string) => Number(values[key]);
  const clients = num('clients');
  const rooms = num('rooms');
  return {
    url,
    clients,
    rooms,
    publishers: values.publishers
      ? num('publishers')
      : Math.min(clients, Math.max(rooms, Math.floor(clients / 10))),
    rate: num('rate'),
    seconds: num('seconds'),
    size: num('size'),
    workers: num('workers'),
    concurrency: num('concurrency'),
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { ...LOAD_FLAGS, url: { type: 'string' }, pid: { type: 'string' } },
  });
  if (!values.url)
    throw new Error('usage: node bench/load.ts --url ws://127.0.0.1:PORT/ws [--pid PID] [flags]');
  const options = loadOptionsFrom(values, values.url);
  if (values.pid) options.serverPid = Number(values.pid);
  const { formatResult } = await import('./report.ts');
  console.log(formatResult(await runLoad(options)));
}
