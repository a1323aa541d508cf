/** What one load run is asked to do and what it measured (bench/load.ts runs it, report.ts prints it). */
import type { LatencyHistogram } from './latency-histogram.ts';

export type LoadOptions = {
  /** ws:// URL of the server; only 127.0.0.1 is allowed. */
  url: string;
  /** The server's process id, for RSS; omit to skip RSS. */
  serverPid?: number;
  /**
   * Several instances of one deployment: worker w connects to `urls[w % length]` and every
   * room is claimed on each; CPU and RSS are summed over `serverPids` (Redis included).
   */
  urls?: string[];
  serverPids?: number[];
  /**
   * The server pids were started by child-server.ts (loop-delay.ts preloaded): signal them
   * for their event-loop delay during publishing. Never set for other processes.
   */
  loopDelay?: boolean;
  clients: number;
  /** 0: idle mode, clients only authenticate. */
  rooms: number;
  publishers: number;
  /** Messages per second, all publishers together. */
  rate: number;
  seconds: number;
  /** Payload bytes (8 of them are the timestamp). */
  size: number;
  workers: number;
  /** Connections each worker opens at once. */
  concurrency: number;
};

export type LoadResult = {
  connected: number;
  failed: number;
  failures: string[];
  connectMs: number;
  rssBefore: number;
  rssConnected: number;
  rssAfter: number;
  rssPerConnection: number;
  /** Server CPU time spent connecting everyone (handshakes, auth, subscribe). */
  connectCpuMs: number;
  /** Server CPU time from the first publish until the last receipt drained. */
  loadCpuMs: number;
  sent: number;
  expected: number;
  delivered: number;
  deliveredPerSec: number;
  latency: LatencyHistogram;
  ackLatency: LatencyHistogram;
  maxBuffered: number;
  errors: Record<string, number>;
  closes: number;
  /** Server event-loop delay p99 (ms) from the first publish to the end of the drain; NaN if not measured. */
  loopDelayP99Ms: number;
};
