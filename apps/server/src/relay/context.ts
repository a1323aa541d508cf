import type { Logger } from 'pino';
import type { ServerLimits } from '../config.ts';
import type { MlsDelivery } from '../mls-ds/mls-delivery.ts';
import type { Storage } from '../storage/storage.ts';
import type { IceServers } from '../turn/ice-servers.ts';
import type { ResumeTokens } from './auth.ts';
import type { IpRateLimiter } from './rate-limit.ts';
import type { Rooms } from './rooms.ts';

/** What every connection shares: the parts the relay wires together. */
export type RelayContext = {
  readonly limits: ServerLimits;
  readonly storage: Storage;
  readonly rooms: Rooms;
  /** The MLS delivery service's per-client channels and claim limiter. [P-DS4] */
  readonly mls: MlsDelivery;
  readonly tokens: ResumeTokens;
  readonly ipLimiter: IpRateLimiter;
  readonly log: Logger;
  /** Registers work that shutdown must let finish (storage writes and their acks). */
  track(work: Promise<unknown>): void;
  isShuttingDown(): boolean;
  /** STUN/TURN servers with fresh credentials for a client; undefined when none are configured. [P-ICE1] */
  iceServers(clientId: string): IceServers | undefined;
};
