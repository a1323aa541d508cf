/**
 * The rate sweep: the highest publish rate each server sustains with latency p99 under
 * --p99 ms (default 25) and every message delivered. All servers step up the same ladder of
 * rates together (their order rotating each step, so drift in the machine's other load hits
 * all of them); a failed step is run once more before the server drops out, since on a
 * shared machine one unlucky run is common.
 *   node bench/sweep.ts [--only yam,bare,sio] [--rates 100,200,...] [--seconds 5] [--p99 25]
 *   ./yam bench --sweep [same flags]
 */
import { parseArgs } from 'node:util';
import { LOAD_FLAGS, type LoadResult, loadOptionsFrom, runLoad } from './load.ts';
import { benchServers } from './servers.ts';

const { values } = parseArgs({
  options: {
    ...LOAD_FLAGS,
    seconds: { type: 'string', default: '5' },
    only: { type: 'string', default: 'yam,bare,sio' },
    before: { type: 'string' },
    rates: { type: 'string', default: '100,200,300,500,700,1000,1400,2000,2800,4000' },
    p99: { type: 'string', default: '25' },
  },
});
const options = loadOptionsFrom(values, '');
const servers = benchServers(options.clients, values.before);
const keys = (values.before ? `${values.only},before` : values.only)
  .split(',')
  .filter((key) => key in servers);
const rates = values.rates.split(',').map(Number);
const limitMs = Number(values.p99);

type Step = { rate: number; p99: number; delivered: number; passed: boolean };

function passes(r: LoadResult): boolean {
  return r.expected > 0 && r.delivered >= r.expected && r.latency.percentileMs(0.99) < limitMs;
}

async function attempt(key: string, rate: number): Promise<Step> {
  const server = await servers[key]!.start();
  try {
    const r = await runLoad({ ...options, rate, url: server.url, serverPid: server.pid });
    const step = {
      rate,
      p99: r.latency.percentileMs(0.99),
      delivered: r.expected > 0 ? r.delivered / r.expected : 0,
      passed: passes(r),
    };
    console.log(
      `${servers[key]!.name.padEnd(14)} ${String(rate).padStart(5)}/s  p99 ${step.p99.toFixed(2)} ms, ` +
        `delivered ${(100 * step.delivered).toFixed(1)}%  ${step.passed ? 'ok' : 'FAIL'}`,
    );
    return step;
  } finally {
    await server.stop();
  }
}

console.log(
  `sweep: ${options.clients} clients in ${options.rooms} rooms, ${options.publishers} publishers, ` +
    `${options.seconds} s per step, ${options.size}-byte payloads; pass = p99 < ${limitMs} ms and 100% delivered`,
);
const best = new Map<string, Step | undefined>(keys.map((key) => [key, undefined]));
let alive = [...keys];
for (const [index, rate] of rates.entries()) {
  const out = new Set<string>();
  for (let i = 0; i < alive.length; i++) {
    const key = alive[(i + index) % alive.length]!;
    let step = await attempt(key, rate);
    if (!step.passed) step = await attempt(key, rate);
    if (step.passed) best.set(key, step);
    else out.add(key);
  }
  alive = alive.filter((key) => !out.has(key));
  if (alive.length === 0) break;
}

const first = keys[0]!;
const top = (key: string) => best.get(key)?.rate ?? 0;
const members = Math.round(options.clients / Math.max(1, options.rooms));
console.log(`\nhighest publish rate with p99 < ${limitMs} ms (${members} members per room):`);
for (const key of keys) {
  const step = best.get(key);
  const ratio =
    key === first || top(key) === 0
      ? ''
      : `   ${first}/${key} ${(top(first) / top(key)).toFixed(2)}x`;
  const capped = alive.includes(key) ? ' (passed every rate tried)' : '';
  console.log(
    `${servers[key]!.name.padEnd(14)} ${step ? `${step.rate}/s (p99 ${step.p99.toFixed(2)} ms)` : 'none'}${capped}${ratio}`,
  );
}
