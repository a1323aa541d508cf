import type { Socket } from 'node:dgram';
import type { Logger } from 'pino';
import type { AllocationTable } from './allocation-table.ts';
import type { PeerFilter } from './peer-filter.ts';
import type { RequestLimiter } from './request-limiter.ts';
import type { Address } from './stun-writer.ts';
import type { AuthParts } from './turn-auth.ts';
import type { TurnConfig } from './turn-config.ts';

/** What the request handlers share: config, credentials, the peer filter and the allocations. */
export type TurnContext = {
  readonly config: TurnConfig;
  readonly auth: AuthParts;
  readonly filter: PeerFilter;
  readonly table: AllocationTable;
  readonly limiter: RequestLimiter;
  readonly log: Logger;
  /** Binds a UDP relay socket on relayHost (an even port when asked). */
  bindRelay(evenPort: boolean): Promise<{ socket: Socket; address: Address }>;
  /** True once the server is closing: no new allocation may outlive it. */
  isClosed(): boolean;
};
