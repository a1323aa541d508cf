import type { Logger } from 'pino';
import type { ServerLimits } from '../config.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { IpRateLimiter, type KeyedLimit, KeyedRateLimiter } from '../rate-limit.ts';
import type { RelayPlugin } from '../relay/relay-plugin.ts';
import type { Storage } from '../storage/storage.ts';
import { InboxPager } from './inbox-pager.ts';
import { requestJoin, resolveJoin, sendPendingJoins } from './join-handlers.ts';
import { claimKeyPackage, putKeyPackages } from './key-package-handlers.ts';
import type { MlsContext } from './mls-context.ts';
import { ackInbox, commit } from './mls-handlers.ts';
import { registerPake } from './pake-handlers.ts';
import { type PasswordGuessBook, PasswordGuesses } from './password-guesses.ts';

export type MlsDeliveryParts = {
  storage: Storage;
  limits: ServerLimits;
  log: Logger;
  metrics: Metrics;
  /** Shared with other instances (Redis); default: this process's own. */
  guesses?: PasswordGuessBook;
  /** The per-target KeyPackage budget, shared with other instances; default: this process's. */
  targets?: KeyedLimit;
  /** Told after each join request is queued (Web Push wakes the members). */
  onJoinQueued?: (room: string) => void;
};

/** Expired join requests and inbox items are swept at most this often (reads skip them anyway). */
const EXPIRE_EVERY_MS = 60_000;

/**
 * The MLS delivery service as a relay plugin: KeyPackages, one commit per epoch, the
 * Welcome inbox and join requests. [P-DS1..7]
 */
export function mlsDelivery(parts: MlsDeliveryParts): RelayPlugin {
  return (relay) => {
    const { limits, storage, log } = parts;
    const ds: MlsContext = {
      storage,
      limits,
      metrics: parts.metrics,
      rooms: relay.rooms,
      clients: relay.clients,
      // Keyed by the claiming client ID, not the IP: one bucket across its connections. [P-DS2]
      claims: new IpRateLimiter(limits.keyPackageClaimRatePerSec, limits.keyPackageClaimBurst),
      targets:
        parts.targets ??
        new KeyedRateLimiter(limits.keyPackageTargetRatePerSec, limits.keyPackageTargetBurst),
      guesses: parts.guesses ?? new PasswordGuesses(parts.limits),
      pager: new InboxPager(storage, { window: limits.inboxWindow, ttlMs: limits.inboxTtlMs }),
      replayed: new WeakMap(),
      ...(parts.onJoinQueued ? { onJoinQueued: parts.onJoinQueued } : {}),
    };
    let lastExpiry = 0;
    const expire = () => {
      const now = Date.now();
      if (now - lastExpiry < EXPIRE_EVERY_MS) return;
      lastExpiry = now;
      const cutoffs = {
        joinsBefore: now - limits.joinRequestTtlMs,
        inboxBefore: now - limits.inboxTtlMs,
      };
      storage.expire(cutoffs).then(
        (dropped) => {
          if (dropped.joins + dropped.inbox > 0) log.debug(dropped, 'expired doors dropped');
        },
        (error: unknown) => log.error({ err: String(error) }, 'expiry failed'),
      );
    };
    relay.on('kp.put', (peer, req) => putKeyPackages(peer, req, ds));
    relay.on('kp.claim', (peer, req) => claimKeyPackage(peer, req, ds));
    relay.on('commit', (peer, req) => commit(peer, req, ds));
    relay.on('inbox.ack', (peer, req) => ackInbox(peer, req, ds));
    relay.on('join.req', (peer, req) => requestJoin(peer, req, ds));
    relay.on('join.done', (peer, req) => resolveJoin(peer, req, ds));
    registerPake(relay, ds);
    relay.addHook('ready', (peer) => {
      ds.claims.sweep();
      ds.targets.sweep();
      ds.claims.attach(peer.clientId);
      expire();
      // The relay attached the peer to its client channel first, so a Welcome stored in
      // between arrives live or from the pager (or both: items keep their ID). [P-DS4]
      return ds.pager.start(peer);
    });
    relay.addHook('subscribed', (peer, room) => sendPendingJoins(peer, room, ds));
    relay.addHook('close', (peer) => {
      ds.claims.detach(peer.clientId);
      ds.pager.stop(peer);
    });
  };
}
