import type { ClientId, CommitRequest, InboxAck, Seq } from '@yam/protocol';
import { encodeFrame } from '@yam/protocol';
import { dmCommitAllowed, dmRoomOf } from '../membership/dm-room.ts';
import type { Peer } from '../relay/relay-plugin.ts';
import type { WelcomeDoors, WelcomeRefusal } from '../storage/storage.ts';
import { toWireMessage } from '../storage/wire-message.ts';
import { publishJoinResult } from './join-handlers.ts';
import type { MlsContext } from './mls-context.ts';
import { toWelcomeEvent } from './wire.ts';

const bytes = (b64: string) => Buffer.from(b64, 'base64url');

/** The rules a commit's Welcome must pass, as of now. [P-DS7] */
function welcomeDoors(ctx: MlsContext, now: number): WelcomeDoors {
  const { limits } = ctx;
  return {
    isDmOf: (room, from, to) => dmRoomOf(from, to) === room,
    joinsNotBefore: now - limits.joinRequestTtlMs,
    inboxNotBefore: now - limits.inboxTtlMs,
    maxItems: limits.maxInboxItems,
    maxBytes: limits.maxInboxBytes,
    maxDmItems: limits.maxInboxDmItems,
    maxDmBytes: limits.maxInboxDmBytes,
  };
}

/** Words for a refused Welcome, by why. [P-DS7] */
function refuseWelcome(peer: Peer, rid: number, result: WelcomeRefusal) {
  if (result.why === 'no-request') {
    peer.error(
      'NOT_FOUND',
      'a Welcome goes only to someone who asked to join this room (or to your DM partner): that request is gone or expired',
      rid,
    );
  } else {
    peer.error(
      'QUOTA_EXCEEDED',
      'the person you are adding has too many Welcomes waiting; try again once they have been online',
      rid,
    );
  }
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
    ...(welcome ? { welcome, doors: welcomeDoors(ctx, ts) } : {}),
    ...(req.removes ? { removes: req.removes } : {}),
    ...(req.bans ? { bans: req.bans } : {}),
    ...(req.voids ? { voids: req.voids } : {}),
  });
  if (!result.ok && result.reason === 'not-member') {
    peer.error('NOT_MEMBER', 'only members of the room commit to it', req.rid);
    return;
  }
  if (!result.ok && result.reason === 'welcome') {
    refuseWelcome(peer, req.rid, result);
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
  ctx.metrics.commits.inc();
  const declared = { adds: welcome?.to ?? [], removes: req.removes ?? [] };
  const record = { ...input, ...declared, seq, ts: result.ts, kind: 'commit' as const };
  const fanOut = [ctx.rooms.publish(req.room, encodeFrame({ t: 'msg', ...toWireMessage(record) }))];
  for (const { to, id } of result.welcomeIds) {
    const item = { id, room: req.room, from, data: welcome!.data, ts: result.ts };
    fanOut.push(ctx.clients.send(to, encodeFrame(toWelcomeEvent(item))));
  }
  // The Welcome answered these join requests: their requesters and the room learn it. [P-DS7]
  for (const answered of result.answered) {
    fanOut.push(publishJoinResult(ctx, req.room, answered.id, answered.from, 'added'));
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

/** [P-DS4] Idempotent: acking a deleted item is answered too. The next page may follow. */
export async function ackInbox(peer: Peer, req: InboxAck, ctx: MlsContext) {
  await ctx.storage.deleteInboxItem(peer.clientId, req.id);
  peer.send({ t: 'inbox.acked', rid: req.rid, id: req.id });
  await ctx.pager.acked(peer);
}
