/**
 * Preloaded into every bench server (child-server.ts: `node --import loop-delay.ts`): keeps an
 * event-loop delay histogram, and on SIGUSR2 writes its p99/max (ms) as JSON to
 * loopDelayFile(pid), then starts a new histogram. load.ts signals once before publishing
 * (to reset) and once after draining (to read). Only servers started this way may be signalled:
 * without this handler SIGUSR2 ends a Node process.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Where the process `pid` writes its loop-delay figures. */
export function loopDelayFile(pid: number): string {
  return join(tmpdir(), `yam-bench-loop-${pid}.json`);
}

if (process.env.YAM_BENCH_LOOP_DELAY === '1') {
  let histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  process.on('SIGUSR2', () => {
    const figures = { p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6 };
    writeFileSync(loopDelayFile(process.pid), JSON.stringify(figures));
    histogram.disable();
    histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
  });
}
