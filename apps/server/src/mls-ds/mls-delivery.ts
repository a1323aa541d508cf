import { encodeFrame } from '@yam/protocol';
import type { Logger } from 'pino';
import type { ServerLimits } from '../config.ts';
import { IpRateLimiter } from '../rate-limit.ts';
import type { Peer, RelayPlugin } from '../relay/relay-plugin.ts';
import type { Storage } from '../storage/storage.ts';
import {
  ackInbox,
  claimKeyPackage,
  commit,
  type MlsContext,
  putKeyPackages,
  requestJoin,
  resolveJoin,
  sendPendingJoins,
} from './mls-handlers.ts';
import { registerPake } from './pake-handlers.ts';
import { PasswordGuesses } from './password-guesses.ts';
import { toWelcomeEvent } from './wire.ts';

export type MlsDeliveryParts = { storage: Storage; limits: ServerLimits; log: Logger };

/**
 * The MLS delivery service as a relay plugin: KeyPackages, one commit per epoch, the
 * Welcome inbox and join requests. [P-DS1..6]
 */
export function mlsDelivery(parts: MlsDeliveryParts): RelayPlugin {
  return (relay) => {
    const ds: MlsContext = {
      storage: parts.storage,
      limits: parts.limits,
      rooms: relay.rooms,
      clients: relay.clients,
      // Keyed by the claiming client ID, not the IP: one bucket across its connections. [P-DS2]
      claims: new IpRateLimiter(
        parts.limits.keyPackageClaimRatePerSec,
        parts.limits.keyPackageClaimBurst,
      ),
      guesses: new PasswordGuesses(parts.limits),
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
      ds.claims.attach(peer.clientId);
      return deliverInbox(peer, ds.storage, parts.log);
    });
    relay.addHook('subscribed', (peer, room) => sendPendingJoins(peer, room, ds));
    relay.addHook('close', (peer) => ds.claims.detach(peer.clientId));
  };
}

/**
 * Welcomes waiting in the inbox. The relay attached the peer to its client channel first,
 * so a Welcome stored in between arrives live or from here (or both: items keep their ID). [P-DS4]
 */
async function deliverInbox(peer: Peer, storage: Storage, log: Logger): Promise<void> {
  try {
    const items = await storage.inbox(peer.clientId);
    for (const item of items) peer.deliver(encodeFrame(toWelcomeEvent(item)));
    if (items.length > 0) {
      log.debug({ clientId: peer.clientId, count: items.length }, 'inbox delivered');
    }
  } catch (error) {
    peer.log.error({ err: String(error), clientId: peer.clientId }, 'inbox delivery failed');
  }
}
