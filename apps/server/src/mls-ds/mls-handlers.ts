import type {
  ClientId,
  CommitRequest,
  InboxAck,
  JoinDone,
  JoinRequest,
  KeyPackageClaim,
  KeyPackagesPut,
  RoomId,
  Seq,
} from '@yam/protocol';
import { encodeFrame } from '@yam/protocol';
import type { ServerLimits } from '../config.ts';
import { dmCommitAllowed } from '../membership/dm-room.ts';
import type { IpRateLimiter } from '../rate-limit.ts';
import type { ClientFanOut, Peer, RoomFanOut } from '../relay/relay-plugin.ts';
import type { Storage } from '../storage/storage.ts';
import { toWireMessage } from '../storage/wire-message.ts';
import { allowPasswordTry, type PasswordGuesses } from './password-guesses.ts';
import { toJoinRequestEvent, toWelcomeEvent } from './wire.ts';

/** What the delivery-service handlers share. */
export type MlsContext = {
  readonly storage: Storage;
  readonly limits: ServerLimits;
  readonly rooms: RoomFanOut;
  /** Welcomes and join results go to a client ID, not a room. [P-DS4] */
  readonly clients: ClientFanOut;
  /** KeyPackage claims per client ID. [P-DS2] */
  readonly claims: IpRateLimiter;
  /** Wrong room passwords, for the backoff of password joins. [P-PAKE3] */
  readonly guesses: PasswordGuesses;
};

const bytes = (b64: string) => Buffer.from(b64, 'base64url');

/** After `subscribed`: the room's pending join requests, so none waits for a live event. [P-DS5] */
export async function sendPendingJoins(peer: Peer, room: RoomId, ctx: MlsContext) {
  for (const request of await ctx.storage.joinRequests(room)) {
    if (request.from !== peer.clientId) peer.send(toJoinRequestEvent(request));
  }
}

/** [P-DS2] */
export async function putKeyPackages(peer: Peer, req: KeyPackagesPut, ctx: MlsContext) {
  const max = ctx.limits.maxKeyPackagesPerClient;
  const result = await ctx.storage.putKeyPackages(peer.clientId, req.keyPackages.map(bytes), max);
  if (!result.stored) {
    peer.error('QUOTA_EXCEEDED', `${result.count} KeyPackages stored; at most ${max}`, req.rid);
    return;
  }
  peer.send({ t: 'kp.stored', rid: req.rid, count: result.count });
}

/** [P-DS2] One-time: the storage deletes what it returns. */
export async function claimKeyPackage(peer: Peer, req: KeyPackageClaim, ctx: MlsContext) {
  const wait = ctx.claims.take(peer.clientId);
  if (wait > 0) {
    // Not RATE_LIMITED: that one is fatal for the connection, and a claim burst is not abuse of it.
    peer.error('QUOTA_EXCEEDED', 'too many KeyPackage claims; retry later', req.rid, wait);
    return;
  }
  const keyPackage = await ctx.storage.claimKeyPackage(req.clientId);
  peer.send({
    t: 'kp.claimed',
    rid: req.rid,
    clientId: req.clientId,
    keyPackage: keyPackage ? Buffer.from(keyPackage).toString('base64url') : null,
  });
}

/**
 * [P-DS1] [P-DS3] [P-MEM1] [P-MEM3] Stored with its Welcomes and roster change in one
 * transaction, then ack, then fan-out; members it removes are then dropped from the room.
 * Needs no subscription: the room's first commit comes before anyone may subscribe.
 */
export async function commit(peer: Peer, req: CommitRequest, ctx: MlsContext) {
  const payload = bytes(req.commit);
  const welcome = req.welcome && { to: req.welcome.to, data: bytes(req.welcome.data) };
  const max = ctx.limits.maxPayloadBytes;
  if (payload.length > max || (welcome && welcome.data.length > max)) {
    peer.error('PAYLOAD_TOO_LARGE', `commit or welcome over ${max} bytes`, req.rid);
    return;
  }
  if (req.bans?.some((id) => !req.removes?.includes(id))) {
    peer.error('BAD_FRAME', 'a commit bans only members it removes', req.rid);
    return;
  }
  const from = peer.clientId;
  if (!dmCommitAllowed(req.room, from, req.epoch, welcome?.to)) {
    peer.error('NOT_MEMBER', 'a direct-message room holds its two people only', req.rid);
    return;
  }
  const ts = Date.now();
  const input = { room: req.room, from, cmid: req.cmid, ts, epoch: req.epoch, payload };
  const result = await ctx.storage.appendCommit({
    ...input,
    ...(welcome ? { welcome } : {}),
    ...(req.removes ? { removes: req.removes } : {}),
    ...(req.bans ? { bans: req.bans } : {}),
    ...(req.voids ? { voids: req.voids } : {}),
  });
  if (!result.ok && result.reason === 'not-member') {
    peer.error('NOT_MEMBER', 'only members of the room commit to it', req.rid);
    return;
  }
  if (!result.ok) {
    peer.send({
      t: 'error',
      rid: req.rid,
      code: 'EPOCH_CONFLICT',
      message: req.voids
        ? `commit ${req.voids} is no live commit of epoch ${req.epoch}; the room is at epoch ${result.epoch}`
        : `the room is at epoch ${result.epoch}; rebase and commit again`,
      epoch: result.epoch,
    });
    return;
  }
  const seq = result.seq as Seq;
  peer.send({
    t: 'ack',
    rid: req.rid,
    room: req.room,
    cmid: req.cmid,
    seq,
    ts: result.ts,
    duplicate: result.duplicate,
  });
  peer.log.debug({ clientId: from, room: req.room, seq, epoch: req.epoch }, 'commit stored');
  if (result.duplicate) return;
  const declared = { adds: welcome?.to ?? [], removes: req.removes ?? [] };
  const record = { ...input, ...declared, seq, ts: result.ts, kind: 'commit' as const };
  const fanOut = [ctx.rooms.publish(req.room, encodeFrame({ t: 'msg', ...toWireMessage(record) }))];
  for (const { to, id } of result.welcomeIds) {
    const item = { id, room: req.room, from, data: welcome!.data, ts: result.ts };
    fanOut.push(ctx.clients.send(to, encodeFrame(toWelcomeEvent(item))));
  }
  // Stored and acked: a failed fan-out is caught up from history and the inbox.
  for (const outcome of await Promise.allSettled(fanOut)) {
    if (outcome.status === 'rejected') {
      peer.log.error({ room: req.room, seq, err: String(outcome.reason) }, 'fan-out failed');
    }
  }
  // After the commit's msg on the same bus topic: the removed see the commit that removed them. [P-MEM4]
  if (result.removed.length > 0) {
    await ctx.rooms.evict(req.room, result.removed as ClientId[]).catch((error: unknown) => {
      peer.log.error({ room: req.room, seq, err: String(error) }, 'eviction failed');
    });
  }
}

/** [P-DS4] Idempotent: acking a deleted item is answered too. */
export async function ackInbox(peer: Peer, req: InboxAck, ctx: MlsContext) {
  await ctx.storage.deleteInboxItem(peer.clientId, req.id);
  peer.send({ t: 'inbox.acked', rid: req.rid, id: req.id });
}

/** [P-DS5] No subscription needed: the requester is not a member yet. */
export async function requestJoin(peer: Peer, req: JoinRequest, ctx: MlsContext) {
  if (await ctx.storage.isBanned(req.room, peer.clientId)) {
    peer.error('BANNED', 'an owner or admin of this room banned you from it', req.rid);
    return;
  }
  if (req.pake && !allowPasswordTry(peer, req.room, req.rid, ctx.guesses)) return;
  const input = {
    room: req.room,
    from: peer.clientId,
    keyPackage: bytes(req.keyPackage),
    ...(req.mac ? { mac: bytes(req.mac) } : {}),
    ...(req.pake ? { pake: bytes(req.pake) } : {}),
    ...(req.info ? { info: bytes(req.info) } : {}),
    ts: Date.now(),
  };
  const caps = {
    perRoom: ctx.limits.maxPendingJoinsPerRoom,
    perClient: ctx.limits.maxPendingJoinsPerClient,
  };
  const result = await ctx.storage.addJoinRequest(input, caps);
  if (!result.ok) {
    const what = result.full === 'room' ? 'this room has' : 'you have';
    peer.error('QUOTA_EXCEEDED', `${what} too many pending join requests`, req.rid);
    return;
  }
  peer.send({ t: 'join.queued', rid: req.rid, room: req.room, id: result.id });
  const frame = encodeFrame(toJoinRequestEvent({ ...input, id: result.id }));
  await ctx.rooms.publishExcept(req.room, frame, peer.clientId);
}

/** [P-DS6] */
export async function resolveJoin(peer: Peer, req: JoinDone, ctx: MlsContext) {
  if (!(await peer.inRoom(req.room, req.rid, 'settle its join requests'))) return;
  const request = await ctx.storage.takeJoinRequest(req.room, req.id);
  if (!request) {
    peer.error('NOT_FOUND', `no pending join request ${req.id} in this room`, req.rid);
    return;
  }
  peer.send({ t: 'join.resolved', rid: req.rid, room: req.room, id: req.id });
  const frame = encodeFrame({ t: 'joinResult', room: req.room, id: req.id, outcome: req.outcome });
  await Promise.allSettled([
    ctx.clients.send(request.from, frame),
    ctx.rooms.publishExcept(req.room, frame, request.from as ClientId),
  ]);
}
