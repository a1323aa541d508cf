import type { ClientId, JoinDone, JoinOutcome, JoinRequest, RoomId } from '@yam/protocol';
import { encodeFrame } from '@yam/protocol';
import type { Peer } from '../relay/relay-plugin.ts';
import type { MlsContext } from './mls-context.ts';
import { allowPasswordTry } from './password-guesses.ts';
import { toJoinRequestEvent } from './wire.ts';

const bytes = (b64: string) => Buffer.from(b64, 'base64url');
const FULL = {
  room: 'this room has too many pending join requests; try again later',
  client: 'you have too many pending join requests; wait for an answer or try again later',
  network: 'too many pending join requests come from your network; try again later',
} as const;

/**
 * After `subscribed`: the room's pending, unexpired join requests, so none waits for a live
 * event; a repeated `sub` of the same connection gets only those it was not sent yet. [P-DS5]
 */
export async function sendPendingJoins(peer: Peer, room: RoomId, ctx: MlsContext) {
  let sent = ctx.replayed.get(peer);
  if (!sent) {
    sent = new Set();
    ctx.replayed.set(peer, sent);
  }
  const notBefore = Date.now() - ctx.limits.joinRequestTtlMs;
  for (const request of await ctx.storage.joinRequests(room, notBefore)) {
    if (request.from === peer.clientId || sent.has(request.id)) continue;
    sent.add(request.id);
    peer.send(toJoinRequestEvent(request));
  }
}

/** [P-DS5] No subscription needed: the requester is not a member yet. */
export async function requestJoin(peer: Peer, req: JoinRequest, ctx: MlsContext) {
  if (await ctx.storage.isBanned(req.room, peer.clientId)) {
    peer.error('BANNED', 'an owner or admin of this room banned you from it', req.rid);
    return;
  }
  if (req.pake && !(await allowPasswordTry(peer, req.room, req.rid, ctx.guesses))) return;
  const { limits } = ctx;
  const now = Date.now();
  const input = {
    room: req.room,
    from: peer.clientId,
    keyPackage: bytes(req.keyPackage),
    ...(req.mac ? { mac: bytes(req.mac) } : {}),
    ...(req.pake ? { pake: bytes(req.pake) } : {}),
    ...(req.info ? { info: bytes(req.info) } : {}),
    ts: now,
  };
  const result = await ctx.storage.addJoinRequest(
    { ...input, network: peer.ip }, // already the per-IP key (IPv6 per /64)
    {
      perRoom: limits.maxPendingJoinsPerRoom,
      perClient: limits.maxPendingJoinsPerClient,
      perNetwork: limits.maxPendingJoinsPerIp,
      notBefore: now - limits.joinRequestTtlMs,
    },
  );
  if (!result.ok) {
    peer.error('QUOTA_EXCEEDED', FULL[result.full], req.rid);
    return;
  }
  peer.send({ t: 'join.queued', rid: req.rid, room: req.room, id: result.id });
  const frame = encodeFrame(toJoinRequestEvent({ ...input, id: result.id }));
  await ctx.rooms.publishExcept(req.room, frame, peer.clientId);
  ctx.onJoinQueued?.(req.room);
}

/** [P-DS6] */
export async function resolveJoin(peer: Peer, req: JoinDone, ctx: MlsContext) {
  if (!(await peer.inRoom(req.room, req.rid, 'settle its join requests'))) return;
  const notBefore = Date.now() - ctx.limits.joinRequestTtlMs;
  const request = await ctx.storage.takeJoinRequest(req.room, req.id, notBefore);
  if (!request) {
    peer.error('NOT_FOUND', 'that join request was settled already or has expired', req.rid);
    return;
  }
  peer.send({ t: 'join.resolved', rid: req.rid, room: req.room, id: req.id });
  await publishJoinResult(ctx, req.room, req.id, request.from, req.outcome);
}

/** The outcome of a join request, to its requester and to the room's subscribers. [P-DS6] */
export async function publishJoinResult(
  ctx: MlsContext,
  room: RoomId,
  id: number,
  requester: string,
  outcome: JoinOutcome,
): Promise<void> {
  const frame = encodeFrame({ t: 'joinResult', room, id, outcome });
  await Promise.allSettled([
    ctx.clients.send(requester, frame),
    ctx.rooms.publishExcept(room, frame, requester as ClientId),
  ]);
}
