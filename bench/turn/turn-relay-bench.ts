/**
 * TURN relay throughput, ours vs coturn: the same closed-loop ChannelData load (relay-load.ts)
 * against each server in turn, at each message size, best of `reps` interleaved runs.
 *   node bench/turn/turn-relay-bench.ts [--sizes 120,1200 --seconds 3 --reps 3 --window 128]
 *   [--only ours|coturn]
 */
import { parseArgs } from 'node:util';
import { killChildrenOnSignals } from './child-process.ts';
import { measureRelay, type RelayLoadResult } from './relay-load.ts';
import { startTurnServer, type TurnServerName } from './turn-servers.ts';

export type RelayBenchOptions = {
  servers: TurnServerName[];
  sizes: number[];
  seconds: number;
  warmupMs: number;
  reps: number;
  window: number;
};

export const RELAY_FLAGS = {
  sizes: { type: 'string', default: '120,1200' },
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
    for (let rep = 0; rep < options.reps; rep++) {
      for (const size of options.sizes) {
        for (const server of servers) {
          const result = await measureRelay(server, { ...options, size });
          const key = `${server.name}/${size}`;
          const prev = best.get(key);
          if (!prev || result.packetsPerSec > prev.packetsPerSec) best.set(key, result);
        }
      }
    }
    return options.sizes.flatMap((size) =>
      options.servers.map((name) => best.get(`${name}/${size}`)!),
    );
  } finally {
    await Promise.allSettled(servers.map((s) => s.stop()));
  }
}

/** One row per server and size, and the ours/coturn ratio per size when both ran. */
export function formatRelayResults(results: RelayLoadResult[]): string {
  const rows = results.map(
    (r) =>
      `relay ${String(r.size).padStart(5)} B  ${r.server.padEnd(7)} ` +
      `${Math.round(r.packetsPerSec).toString().padStart(8)} pkt/s ` +
      `${r.mbitPerSec.toFixed(1).padStart(8)} Mbit/s  loss ${(r.lossRatio * 100).toFixed(2)}%  ` +
      `server ${r.cpuUsPerPacket.toFixed(1)} µs CPU/pkt (${Math.round(r.serverCpuPct)}% CPU)`,
  );
  for (const size of new Set(results.map((r) => r.size))) {
    const ours = results.find((r) => r.size === size && r.server === 'ours');
    const coturn = results.find((r) => r.size === size && r.server === 'coturn');
    if (ours && coturn) {
      rows.push(
        `relay ${String(size).padStart(5)} B  ours/coturn ${(ours.packetsPerSec / coturn.packetsPerSec).toFixed(2)} pkt/s, ` +
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
