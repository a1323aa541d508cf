import type { Logger } from 'pino';
import type { ServerLimits } from '../config.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { IpRateLimiter } from '../rate-limit.ts';
import type { Storage } from '../storage/storage.ts';
import type { ClientChannels } from './client-channels.ts';
import type { Rooms } from './rooms.ts';

/** What every connection shares: the parts the relay wires together. */
export type RelayContext = {
  readonly limits: ServerLimits;
  /** Optional features the operator turned on, announced in `ready.features`. */
  readonly features: { readonly linkPreviews: boolean };
  readonly storage: Storage;
  readonly rooms: Rooms;
  /** Per-client channels: frames addressed to a client ID rather than a room. [P-DS4] */
  readonly clients: ClientChannels;
  readonly ipLimiter: IpRateLimiter;
  /** Bytes of frames decoded per IP. [P-LIM4] */
  readonly ipBytes: IpRateLimiter;
  /** Bytes of history served per IP. [P-HIST3] */
  readonly ipHistoryBytes: IpRateLimiter;
  readonly log: Logger;
  readonly metrics: Metrics;
  /** Registers work that shutdown must let finish (storage writes and their acks). */
  track(work: Promise<unknown>): void;
  isShuttingDown(): boolean;
};
