import type { ServerLimits } from '../config.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { IpRateLimiter, KeyedLimit } from '../rate-limit.ts';
import type { ClientFanOut, RoomFanOut } from '../relay/relay-plugin.ts';
import type { Storage } from '../storage/storage.ts';
import type { InboxPager } from './inbox-pager.ts';
import type { PasswordGuessBook } from './password-guesses.ts';

/** What the delivery-service handlers share. */
export type MlsContext = {
  readonly storage: Storage;
  readonly limits: ServerLimits;
  readonly metrics: Metrics;
  readonly rooms: RoomFanOut;
  /** Welcomes and join results go to a client ID, not a room. [P-DS4] */
  readonly clients: ClientFanOut;
  /** KeyPackage claims per claiming client ID. [P-DS2] */
  readonly claims: IpRateLimiter;
  /** One-time KeyPackages handed out per target client ID, for all instances. [P-DS2] */
  readonly targets: KeyedLimit;
  /** Each connection's inbox delivery, paced by its acks. [P-DS4] */
  readonly pager: InboxPager;
  /** Join request IDs already sent to each connection by a `subscribed` replay. [P-DS5] */
  readonly replayed: WeakMap<object, Set<number>>;
  /** Wrong room passwords, for the backoff of password joins. [P-PAKE3] */
  readonly guesses: PasswordGuessBook;
  /** Told after a join request is queued. */
  readonly onJoinQueued?: (room: string) => void;
};
