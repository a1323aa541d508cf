import type { KeyPackageClaim, KeyPackagesPut } from '@yam/protocol';
import type { Peer } from '../relay/relay-plugin.ts';
import type { MlsContext } from './mls-context.ts';

const bytes = (b64: string) => Buffer.from(b64, 'base64url');

/** [P-DS2] */
export async function putKeyPackages(peer: Peer, req: KeyPackagesPut, ctx: MlsContext) {
  const max = ctx.limits.maxKeyPackagesPerClient;
  const lastResort = req.lastResort === undefined ? undefined : bytes(req.lastResort);
  const result = await ctx.storage.putKeyPackages(
    peer.clientId,
    req.keyPackages.map(bytes),
    max,
    lastResort,
  );
  if (!result.stored) {
    peer.error('QUOTA_EXCEEDED', `${result.count} KeyPackages stored; at most ${max}`, req.rid);
    return;
  }
  peer.send({ t: 'kp.stored', rid: req.rid, count: result.count, lastResort: result.lastResort });
}

/**
 * [P-DS2] One-time KeyPackages are deleted as they are handed out. Claims are limited per
 * claimer (QUOTA_EXCEEDED) and per target: past the target's budget a claim gets only its
 * last-resort KeyPackage, which stays, so draining someone's keys blocks no one's DMs.
 */
export async function claimKeyPackage(peer: Peer, req: KeyPackageClaim, ctx: MlsContext) {
  const wait = ctx.claims.take(peer.clientId);
  if (wait > 0) {
    // Not RATE_LIMITED: that one is fatal for the connection, and a claim burst is not abuse of it.
    peer.error('QUOTA_EXCEEDED', 'too many KeyPackage claims; retry later', req.rid, wait);
    return;
  }
  const targetWait = await ctx.targets.take(req.clientId);
  const claimed = await ctx.storage.claimKeyPackage(req.clientId, targetWait > 0);
  if (!claimed && targetWait > 0) {
    peer.error(
      'QUOTA_EXCEEDED',
      'this person’s keys were asked for too often; try again later',
      req.rid,
      targetWait,
    );
    return;
  }
  peer.send({
    t: 'kp.claimed',
    rid: req.rid,
    clientId: req.clientId,
    keyPackage: claimed ? Buffer.from(claimed.data).toString('base64url') : null,
    ...(claimed?.lastResort ? { lastResort: true } : {}),
  });
}
