import { encodeFrame } from '@yam/protocol';
import type { Logger } from 'pino';
import type { Bus } from '../bus/bus.ts';
import type { ServerLimits } from '../config.ts';
import { IpRateLimiter } from '../relay/rate-limit.ts';
import type { RoomMember } from '../relay/rooms.ts';
import type { Storage } from '../storage/storage.ts';
import { ClientChannels } from './client-channels.ts';
import { toWelcomeEvent } from './wire.ts';

/**
 * The delivery service's shared state: per-client channels for Welcomes and join results,
 * and the KeyPackage claim limiter. One per relay.
 */
export class MlsDelivery {
  readonly channels: ClientChannels;
  readonly #storage: Storage;
  readonly #log: Logger;
  /** Keyed by the claiming client ID, not the IP: one bucket across its connections. [P-DS2] */
  readonly #claims: IpRateLimiter;

  constructor(parts: { bus: Bus; storage: Storage; limits: ServerLimits; log: Logger }) {
    this.#storage = parts.storage;
    this.#log = parts.log;
    this.channels = new ClientChannels(parts.bus, (error) =>
      parts.log.error({ err: String(error) }, 'client delivery failed'),
    );
    this.#claims = new IpRateLimiter(
      parts.limits.keyPackageClaimRatePerSec,
      parts.limits.keyPackageClaimBurst,
    );
  }

  /**
   * An authenticated connection: attach it to its client channel first, then send the
   * stored inbox, so a Welcome stored in between arrives live or from the inbox (or
   * both: items keep their ID). [P-DS4]
   */
  async connected(member: RoomMember): Promise<void> {
    this.channels.attach(member);
    this.#claims.sweep();
    this.#claims.attach(member.clientId);
    const items = await this.#storage.inbox(member.clientId);
    for (const item of items) member.deliver(encodeFrame(toWelcomeEvent(item)));
    if (items.length > 0) {
      this.#log.debug({ clientId: member.clientId, count: items.length }, 'inbox delivered');
    }
  }

  disconnected(member: RoomMember): void {
    this.channels.detach(member);
    this.#claims.detach(member.clientId);
  }

  /** 0 when the client may claim a KeyPackage now, else ms to wait. [P-DS2] */
  takeClaim(clientId: string): number {
    return this.#claims.take(clientId);
  }
}
