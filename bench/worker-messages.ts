import type { HistogramData } from './latency-histogram.ts';

/**
 * One client a worker should open: its room (none when idle), whether it publishes, and
 * its Ed25519 seed (base64url), so the coordinator knows its client ID to admit it.
 */
export type ClientSpec = { room: string | null; publisher: boolean; seed: string };

/** Coordinator (load.ts) to worker (load-worker.ts). */
export type WorkerCommand =
  | { cmd: 'connect'; url: string; clients: ClientSpec[]; concurrency: number; timeoutMs: number }
  | { cmd: 'publish'; rate: number; seconds: number; size: number; tag: string }
  | { cmd: 'drain'; expected: number; maxDrainMs: number; quietMs: number }
  | { cmd: 'close' };

/** Worker to coordinator. Times are microseconds of the shared monotonic clock. */
export type WorkerReply =
  | { type: 'connected'; ok: number; failed: number; failures: string[]; ms: number }
  | {
      type: 'published';
      sent: number;
      failed: number;
      sentPerRoom: Record<string, number>;
      startUs: number;
      maxBuffered: number;
    }
  | {
      type: 'stats';
      received: number;
      latency: HistogramData;
      ack: HistogramData;
      errors: Record<string, number>;
      closes: number;
      lastReceiveUs: number;
    };
