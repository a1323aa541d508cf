/**
 * CPU per delivery of two Yam instances sharing a Redis bus against one instance on its
 * in-process bus, under the same load, in one run (issue 13's goal: at most 1.3x).
 *   node bench/multi-instance-bench.ts [--clients 200 --rooms 10 --rate 200 --seconds 10 --rounds 3]
 * The cluster side sums the CPU of both servers and of a redis-server of its own (started
 * here on a free port), and its clients are split over the two instances, so every room's
 * messages cross Redis. Each instance keeps its own SQLite file: each message is stored
 * once, on the instance it was published to, as with one shared database. Each side gets
 * an unmeasured warm-up load first, and the sides alternate for `--rounds` rounds.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { type ChildServer, startChildServer } from './child-server.ts';
import { LOAD_FLAGS, type LoadOptions, type LoadResult, loadOptionsFrom, runLoad } from './load.ts';
import { readCpuMs } from './proc-stats.ts';
import { formatResult } from './report.ts';

const { values } = parseArgs({
  options: {
    ...LOAD_FLAGS,
    clients: { type: 'string', default: '200' },
    rate: { type: 'string', default: '200' },
    // Both sides get two load workers: the cluster side needs one per instance.
    workers: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
  },
});
const rounds = Number(values.rounds);
const options: Omit<LoadOptions, 'url'> = loadOptionsFrom(values, '');

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    redis.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('Ready to accept connections')) resolve();
    });
    redis.once('error', reject);
    redis.once('exit', () => reject(new Error(`redis-server exited: ${out}`)));
  });
  return redis;
}

/** CPU ms of the servers per 1000 deliveries. */
const cpuPerK = (r: LoadResult) => (r.loadCpuMs / r.delivered) * 1000;

console.log(
  `load: ${options.clients} clients in ${options.rooms} rooms, ${options.publishers} publishers, ` +
    `${options.rate} msg/s for ${options.seconds} s, ${options.size}-byte payloads, ${options.workers} workers\n`,
);

/**
 * A short unmeasured load first: every server process compiles its hot paths once, and
 * two processes pay that twice, a fixed cost that would swamp a short measured run.
 */
async function warmUp(target: { url: string; urls?: string[] }): Promise<void> {
  await runLoad({ ...options, ...target, seconds: Math.min(5, options.seconds) });
}

/** One instance on its in-process bus. */
async function oneInstance(): Promise<LoadResult> {
  const single = await startChildServer('./yam-server.ts');
  try {
    await warmUp({ url: single.url });
    const result = await runLoad({ ...options, url: single.url, serverPid: single.pid });
    console.log(`== 1 instance, in-process bus\n${formatResult(result)}\n`);
    return result;
  } finally {
    await single.stop();
  }
}

/** Two instances and a redis-server of their own; clients split over the two. */
async function twoInstances(): Promise<LoadResult> {
  const port = await freePort();
  const redis = await startRedis(port);
  const servers: ChildServer[] = [];
  try {
    const redisArgs = ['--redis', `redis://127.0.0.1:${port}`];
    servers.push(await startChildServer('./yam-server.ts', redisArgs));
    servers.push(await startChildServer('./yam-server.ts', redisArgs));
    const urls = servers.map((s) => s.url);
    await warmUp({ url: urls[0]!, urls });
    const pids = [...servers.map((s) => s.pid), redis.pid!];
    const before = await Promise.all(pids.map(readCpuMs));
    const result = await runLoad({
      ...options,
      url: servers[0]!.url,
      urls,
      serverPids: pids,
    });
    const after = await Promise.all(pids.map(readCpuMs));
    const split = ['instance 1', 'instance 2', 'redis-server'].map(
      (name, i) => `${name} ${Math.round(after[i]! - before[i]!)} ms`,
    );
    console.log(
      `== 2 instances + Redis (CPU of both servers and redis-server)\n${formatResult(result)}`,
    );
    console.log(`CPU of the whole round (connect + load): ${split.join(', ')}\n`);
    return result;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    redis.kill('SIGTERM');
  }
}

// Alternating rounds, so a burst of other work on the machine hits both sides alike.
const ratios: number[] = [];
for (let round = 1; round <= rounds; round++) {
  const one = await oneInstance();
  const two = await twoInstances();
  const ratio = cpuPerK(two) / cpuPerK(one);
  ratios.push(ratio);
  console.log(
    `round ${round}: CPU per 1000 deliveries: 1 instance ${cpuPerK(one).toFixed(1)} ms, ` +
      `2 instances + Redis ${cpuPerK(two).toFixed(1)} ms, ratio ${ratio.toFixed(2)}x\n`,
  );
}
const sorted = [...ratios].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
console.log(
  `ratios ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${median.toFixed(2)}x ` +
    `(CPU per delivery, 2 instances + Redis / 1 instance; goal <= 1.3x)`,
);
