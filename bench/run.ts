/**
 * The bench: runs the same load against the Yam server and a bare `ws` broadcast server
 * (each in its own child process, one at a time) and prints both with the ratio yam/bare.
 *   node bench/run.ts [--clients 1000 --rooms 10 --rate 500 --seconds 10 --size 256]
 *   node bench/run.ts --idle 10000
 *   node bench/run.ts --only bare|yam   (one side only, no ratios)
 * See bench/README.md for what each figure means.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { type ChildServer, startChildServer } from './child-server.ts';
import { LOAD_FLAGS, type LoadOptions, type LoadResult, loadOptionsFrom, runLoad } from './load.ts';
import { formatComparison, formatResult } from './report.ts';

const { values } = parseArgs({
  options: { ...LOAD_FLAGS, idle: { type: 'string' }, only: { type: 'string' } },
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

async function measure(name: string, start: () => Promise<ChildServer>): Promise<LoadResult> {
  const server = await start();
  try {
    const result = await runLoad({ ...options, url: server.url, serverPid: server.pid });
    console.log(`== ${name} (${server.url})\n${formatResult(result)}\n`);
    return result;
  } finally {
    await server.stop();
  }
}

// --only yam|bare runs one side (no ratios), e.g. while the other is being worked on.
const only = values.only;
const yam =
  only === 'bare'
    ? undefined
    : await measure('yam', () =>
        startChildServer('./yam-server.ts', ['--max-connections', String(options.clients + 1000)]),
      );
const bare =
  only === 'yam'
    ? undefined
    : await measure('bare ws', () => startChildServer('./bare-ws-server.ts'));
if (yam && bare) console.log(formatComparison(yam, bare, idle));
