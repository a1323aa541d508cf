/**
 * The bench: runs the same load against the Yam server, a bare `ws` broadcast server and a
 * plain Socket.IO server (each in its own child process, one at a time) and prints them side
 * by side with the ratios yam/bare and yam/sio.
 *   node bench/run.ts [--clients 1000 --rooms 10 --rate 500 --seconds 10 --size 256]
 *   node bench/run.ts --rounds 3        (sides alternate each round; figures are medians)
 *   node bench/run.ts --idle 10000
 *   node bench/run.ts --only yam,bare   (some sides only; the first is compared to the rest;
 *                                        yam1 is Yam without write batching)
 *   node bench/run.ts --before ../main  (adds that checkout's Yam server as the side "before")
 *   node bench/run.ts --sweep           (highest rate each sustains with p99 < 25 ms: sweep.ts)
 * See bench/README.md for what each figure means.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { LOAD_FLAGS, type LoadOptions, type LoadResult, loadOptionsFrom, runLoad } from './load.ts';
import { formatComparison, formatResult, type Side } from './report.ts';
import { benchServers } from './servers.ts';

const { values } = parseArgs({
  options: {
    ...LOAD_FLAGS,
    idle: { type: 'string' },
    only: { type: 'string', default: 'yam,bare,sio' },
    rounds: { type: 'string', default: '1' },
    // Another checkout of the repository (e.g. main's): its Yam server runs as the side "before".
    before: { type: 'string' },
  },
});
const idle = values.idle !== undefined;
const base = loadOptionsFrom(values, '');
const options: Omit<LoadOptions, 'url'> = idle
  ? {
      ...base,
      clients: Number(values.idle),
      rooms: 0,
      publishers: 0,
      rate: 0,
      seconds: 0,
      concurrency: Math.max(base.concurrency, 100),
    }
  : base;

function openFileLimit(): number {
  try {
    return Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
  } catch {
    return Number.NaN;
  }
}

// Each side of each connection holds a descriptor; workers and server inherit this limit.
const fdLimit = openFileLimit();
const perProcess = options.clients + 200;
if (fdLimit < perProcess) {
  console.error(
    `ulimit -n is ${fdLimit}, ${options.clients} connections need about ${perProcess} per process:\n` +
      `  run "ulimit -n 65536" first (or use bench/bench.sh, which does).`,
  );
  process.exit(2);
}

console.log(
  idle
    ? `idle: ${options.clients} authenticated connections (no rooms), ${options.workers} load worker process(es)`
    : `load: ${options.clients} clients in ${options.rooms} rooms, ${options.publishers} publishers, ` +
        `${options.rate} msg/s for ${options.seconds} s, ${options.size}-byte payloads, ` +
        `${options.workers} load worker process(es)`,
);
console.log(
  `machine: ${availableParallelism()} cores shared by the server, the load workers and this coordinator, ` +
    `so figures are relative; the bare server does NOT verify auth signatures, store or validate anything.\n`,
);

const SERVERS = benchServers(options.clients, values.before);

async function measure(key: string, round: number): Promise<LoadResult> {
  const { name, start } = SERVERS[key]!;
  const server = await start();
  try {
    const result = await runLoad({
      ...options,
      url: server.url,
      serverPid: server.pid,
      loopDelay: true,
    });
    console.log(`== ${name}, round ${round + 1} (${server.url})\n${formatResult(result)}\n`);
    return result;
  } finally {
    await server.stop();
  }
}

const keys = (values.before ? `${values.only},before` : values.only)
  .split(',')
  .filter((key) => key in SERVERS);
if (keys.length === 0) throw new Error(`--only takes a list of ${Object.keys(SERVERS).join(',')}`);
const runs = new Map<string, LoadResult[]>(keys.map((key) => [key, []]));
// Each round starts with the next side, so no server always runs first (or last) on a
// machine whose other load drifts; the figures are medians over the rounds.
const rounds = Math.max(1, Number(values.rounds));
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[(i + round) % keys.length]!;
    runs.get(key)!.push(await measure(key, round));
  }
}
const sides: Side[] = keys.map((key) => ({ name: SERVERS[key]!.name, runs: runs.get(key)! }));
if (sides.length > 1) {
  console.log(`medians of ${rounds} round(s), sides alternating:`);
  console.log(formatComparison(sides, idle));
}
