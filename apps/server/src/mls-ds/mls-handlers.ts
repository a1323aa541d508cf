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
import type { Connection } from '../relay/connection.ts';
import type { RelayContext } from '../relay/context.ts';
import { toJoinRequestEvent, toWelcomeEvent, toWireMessage } from './wire.ts';

/** The delivery-service requests. */
export type MlsRequest =
  | KeyPackagesPut
  | KeyPackageClaim
  | CommitRequest
  | InboxAck
  | JoinRequest
  | JoinDone;

const bytes = (b64: string) => Buffer.from(b64, 'base64url');

/** Runs one delivery-service request of an authenticated connection. [P-DS1..6] */
export async function handleMlsRequest(
  conn: Connection,
  req: MlsRequest,
  ctx: RelayContext,
): Promise<void> {
  switch (req.t) {
    case 'kp.put':
      return putKeyPackages(conn, req, ctx);
    case 'kp.claim':
      return claimKeyPackage(conn, req, ctx);
    case 'commit':
      return commit(conn, req, ctx);
    case 'inbox.ack':
      return ackInbox(conn, req, ctx);
    case 'join.req':
      return requestJoin(conn, req, ctx);
    case 'join.done':
      return resolveJoin(conn, req, ctx);
    default: {
      const never: never = req;
      throw new Error(`unhandled request ${(never as { t: string }).t}`);
    }
  }
}

/** After `subscribed`: the room's pending join requests, so none waits for a live event. [P-DS5] */
export async function sendPendingJoins(conn: Connection, room: RoomId, ctx: RelayContext) {
  for (const request of await ctx.storage.joinRequests(room)) {
    if (request.from !== conn.clientId) conn.send(toJoinRequestEvent(request));
  }
}

/** [P-DS2] */
async function putKeyPackages(conn: Connection, req: KeyPackagesPut, ctx: RelayContext) {
  const max = ctx.limits.maxKeyPackagesPerClient;
  const result = await ctx.storage.putKeyPackages(conn.clientId, req.keyPackages.map(bytes), max);
  if (!result.stored) {
    conn.error('QUOTA_EXCEEDED', `${result.count} KeyPackages stored; at most ${max}`, req.rid);
    return;
  }
  conn.send({ t: 'kp.stored', rid: req.rid, count: result.count });
}

/** [P-DS2] One-time: the storage deletes what it returns. */
async function claimKeyPackage(conn: Connection, req: KeyPackageClaim, ctx: RelayContext) {
  const wait = ctx.mls.takeClaim(conn.clientId);
  if (wait > 0) {
    // Not RATE_LIMITED: that one is fatal for the connection, and a claim burst is not abuse of it.
    conn.error('QUOTA_EXCEEDED', 'too many KeyPackage claims; retry later', req.rid, wait);
    return;
  }
  const keyPackage = await ctx.storage.claimKeyPackage(req.clientId);
  conn.send({
    t: 'kp.claimed',
    rid: req.rid,
    clientId: req.clientId,
    keyPackage: keyPackage ? Buffer.from(keyPackage).toString('base64url') : null,
  });
}

/** [P-DS1] [P-DS3] Stored with its Welcomes in one transaction, then ack, then fan-out. */
async function commit(conn: Connection, req: CommitRequest, ctx: RelayContext) {
  if (!conn.rooms.has(req.room)) {
    conn.error('NOT_SUBSCRIBED', 'subscribe to the room before committing', req.rid);
    return;
  }
  const payload = bytes(req.commit);
  const welcome = req.welcome && { to: req.welcome.to, data: bytes(req.welcome.data) };
  const max = ctx.limits.maxPayloadBytes;
  if (payload.length > max || (welcome && welcome.data.length > max)) {
    conn.error('PAYLOAD_TOO_LARGE', `commit or welcome over ${max} bytes`, req.rid);
    return;
  }
  const from = conn.clientId;
  const ts = Date.now();
  const input = { room: req.room, from, cmid: req.cmid, ts, epoch: req.epoch, payload };
  const result = await ctx.storage.appendCommit(welcome ? { ...input, welcome } : input);
  if (!result.ok) {
    conn.send({
      t: 'error',
      rid: req.rid,
      code: 'EPOCH_CONFLICT',
      message: `the room is at epoch ${result.epoch}; rebase and commit again`,
      epoch: result.epoch,
    });
    return;
  }
  const seq = result.seq as Seq;
  conn.send({
    t: 'ack',
    rid: req.rid,
    room: req.room,
    cmid: req.cmid,
    seq,
    ts: result.ts,
    duplicate: result.duplicate,
  });
  conn.log.debug({ clientId: from, room: req.room, seq, epoch: req.epoch }, 'commit stored');
  if (result.duplicate) return;
  const record = { ...input, seq, ts: result.ts, kind: 'commit' as const };
  const fanOut = [ctx.rooms.publish(req.room, encodeFrame({ t: 'msg', ...toWireMessage(record) }))];
  for (const { to, id } of result.welcomeIds) {
    const item = { id, room: req.room, from, data: welcome!.data, ts: result.ts };
    fanOut.push(ctx.mls.channels.send(to, encodeFrame(toWelcomeEvent(item))));
  }
  // Stored and acked: a failed fan-out is caught up from history and the inbox.
  for (const outcome of await Promise.allSettled(fanOut)) {
    if (outcome.status === 'rejected') {
      conn.log.error({ room: req.room, seq, err: String(outcome.reason) }, 'fan-out failed');
    }
  }
}

/** [P-DS4] Idempotent: acking a deleted item is answered too. */
async function ackInbox(conn: Connection, req: InboxAck, ctx: RelayContext) {
  await ctx.storage.deleteInboxItem(conn.clientId, req.id);
  conn.send({ t: 'inbox.acked', rid: req.rid, id: req.id });
}

/** [P-DS5] No subscription needed: the requester is not a member yet. */
async function requestJoin(conn: Connection, req: JoinRequest, ctx: RelayContext) {
  const input = {
    room: req.room,
    from: conn.clientId,
    keyPackage: bytes(req.keyPackage),
    ...(req.mac ? { mac: bytes(req.mac) } : {}),
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
    conn.error('QUOTA_EXCEEDED', `${what} too many pending join requests`, req.rid);
    return;
  }
  conn.send({ t: 'join.queued', rid: req.rid, room: req.room, id: result.id });
  const frame = encodeFrame(toJoinRequestEvent({ ...input, id: result.id }));
  await ctx.rooms.publishExcept(req.room, frame, conn.clientId);
}

/** [P-DS6] */
async function resolveJoin(conn: Connection, req: JoinDone, ctx: RelayContext) {
  if (!conn.rooms.has(req.room)) {
    conn.error('NOT_SUBSCRIBED', 'only subscribers of the room settle its join requests', req.rid);
    return;
  }
  const request = await ctx.storage.takeJoinRequest(req.room, req.id);
  if (!request) {
    conn.error('NOT_FOUND', `no pending join request ${req.id} in this room`, req.rid);
    return;
  }
  conn.send({ t: 'join.resolved', rid: req.rid, room: req.room, id: req.id });
  const frame = encodeFrame({ t: 'joinResult', room: req.room, id: req.id, outcome: req.outcome });
  await Promise.allSettled([
    ctx.mls.channels.send(request.from, frame),
    ctx.rooms.publishExcept(req.room, frame, request.from as ClientId),
  ]);
}
