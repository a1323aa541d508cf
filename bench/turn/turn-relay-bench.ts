/**
 * TURN relay throughput, ours vs coturn: the same closed-loop ChannelData load (relay-load.ts)
 * against each server in turn, at each message size, best of `reps` interleaved runs.
 *   node bench/turn/turn-relay-bench.ts [--sizes 120,1200 --paths peer,relay --seconds 3
 *   --reps 3 --window 128]
 *   [--only ours|coturn]
 */
import { parseArgs } from 'node:util';
import { killChildrenOnSignals } from './child-process.ts';
import { measureRelay, type RelayLoadResult, type RelayPath } from './relay-load.ts';
import { startTurnServer, type TurnServerName } from './turn-servers.ts';

export type RelayBenchOptions = {
  servers: TurnServerName[];
  sizes: number[];
  paths: RelayPath[];
  seconds: number;
  warmupMs: number;
  reps: number;
  window: number;
};

export const RELAY_FLAGS = {
  sizes: { type: 'string', default: '120,1200' },
  paths: { type: 'string', default: 'peer,relay' },
  seconds: { type: 'string', default: '3' },
  reps: { type: 'string', default: '3' },
  window: { type: 'string', default: '128' },
  only: { type: 'string' },
} as const;

/** Options from parsed RELAY_FLAGS values. */
export function relayOptionsFrom(values: Record<string, string | boolean | undefined>) {
  const only = values.only as TurnServerName | undefined;
  return {
    servers: only ? [only] : (['ours', 'coturn'] as TurnServerName[]),
    sizes: String(values.sizes).split(',').map(Number),
    paths: String(values.paths ?? RELAY_FLAGS.paths.default).split(',') as RelayPath[],
    seconds: Number(values.seconds),
    warmupMs: 500,
    reps: Number(values.reps),
    window: Number(values.window),
  } satisfies RelayBenchOptions;
}

const SECRET = 'S';

/** Starts each server once (both up together), runs every size `reps` times, keeps the best. */
export async function runRelayBench(options: RelayBenchOptions): Promise<RelayLoadResult[]> {
  const servers = [];
  try {
    for (const name of options.servers) servers.push(await startTurnServer(name, SECRET));
    const best = new Map<string, RelayLoadResult>();
    const cases = options.paths.flatMap((path) => options.sizes.map((size) => ({ path, size })));
    for (let rep = 0; rep < options.reps; rep++) {
      for (const { path, size } of cases) {
        for (const server of servers) {
          const result = await measureRelay(server, { ...options, size, path });
          const key = `${server.name}/${path}/${size}`;
          const prev = best.get(key);
          if (!prev || result.packetsPerSec > prev.packetsPerSec) best.set(key, result);
        }
      }
    }
    return cases.flatMap(({ path, size }) =>
      options.servers.map((name) => best.get(`${name}/${path}/${size}`)!),
    );
  } finally {
    await Promise.allSettled(servers.map((s) => s.stop()));
  }
}

/** One row per server and size, and the ours/coturn ratio per size when both ran. */
export function formatRelayResults(results: RelayLoadResult[]): string {
  const label = (path: RelayPath, size: number) =>
    `${path === 'relay' ? 'relay2' : 'relay '} ${String(size).padStart(5)} B`;
  const rows = results.map(
    (r) =>
      `${label(r.path, r.size)}  ${r.server.padEnd(7)} ` +
      `${Math.round(r.packetsPerSec).toString().padStart(8)} pkt/s ` +
      `${r.mbitPerSec.toFixed(1).padStart(8)} Mbit/s  loss ${(r.lossRatio * 100).toFixed(2)}%  ` +
      `server ${r.cpuUsPerPacket.toFixed(1)} µs CPU/pkt (${Math.round(r.serverCpuPct)}% CPU)`,
  );
  const cases = new Set(results.map((r) => `${r.path}/${r.size}`));
  for (const c of cases) {
    const ours = results.find((r) => `${r.path}/${r.size}` === c && r.server === 'ours');
    const coturn = results.find((r) => `${r.path}/${r.size}` === c && r.server === 'coturn');
    if (ours && coturn) {
      rows.push(
        `${label(ours.path, ours.size)}  ours/coturn ${(ours.packetsPerSec / coturn.packetsPerSec).toFixed(2)} pkt/s, ` +
          `${(ours.cpuUsPerPacket / coturn.cpuUsPerPacket).toFixed(2)} CPU/pkt`,
      );
    }
  }
  return rows.join('\n');
}

if (import.meta.main) {
  killChildrenOnSignals();
  const { values } = parseArgs({ options: RELAY_FLAGS });
  console.log(formatRelayResults(await runRelayBench(relayOptionsFrom(values))));
}
