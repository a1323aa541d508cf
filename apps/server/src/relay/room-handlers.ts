import type {
  HistoryRequest,
  PublishRequest,
  Seq,
  SubscribeRequest,
  UnsubscribeRequest,
} from '@yam/protocol';
import { encodeFrame, HISTORY_FRAME_OVERHEAD } from '@yam/protocol';
import { toWireMessage } from '../storage/wire-message.ts';
import type { Connection } from './connection.ts';
import type { RelayContext } from './context.ts';
import type { HandlerRegistry } from './handler-registry.ts';

/**
 * The relay's own requests: subscriptions and the room log. Every other frame type comes
 * from a plugin; these stay here because they change what the relay itself tracks.
 */
export function registerRoomHandlers(
  registry: HandlerRegistry<Connection>,
  ctx: RelayContext,
): void {
  registry.on('sub', (conn, req) => subscribe(conn, req, ctx, registry));
  registry.on('unsub', (conn, req) => unsubscribe(conn, req, ctx));
  registry.on('pub', (conn, req) => publish(conn, req, ctx, registry));
  registry.on('hist', (conn, req) => history(conn, req, ctx));
}

/** [P-ROOM1] [P-LIM3] [P-MEM2] Members only: the room's roster decides. */
async function subscribe(
  conn: Connection,
  req: SubscribeRequest,
  ctx: RelayContext,
  hooks: HandlerRegistry<Connection>,
) {
  if (!conn.rooms.has(req.room)) {
    if (conn.rooms.size >= ctx.limits.maxRoomsPerConnection) {
      conn.error('TOO_MANY_ROOMS', `at most ${ctx.limits.maxRoomsPerConnection} rooms`, req.rid);
      return;
    }
    if (!(await ctx.storage.isMember(req.room, conn.clientId))) {
      conn.error('NOT_MEMBER', 'not a member of this room: ask to join it', req.rid);
      return;
    }
    // Another subscribe of this connection may have joined while the roster was read.
    if (!conn.rooms.has(req.room)) {
      // Join before reading head: a message stored after the read is then delivered live,
      // so the client sees no gap between head and the live stream.
      conn.rooms.add(req.room);
      ctx.rooms.join(req.room, conn);
      hooks.join(conn, req.room);
    }
  }
  // With other processes on the bus: the subscription must be live before head is read,
  // and their answer of who is online there must be in before the members go out.
  await ctx.rooms.ready();
  const [head, epoch] = await Promise.all([
    ctx.storage.head(req.room),
    ctx.storage.epoch(req.room),
    ctx.rooms.known(req.room),
  ]);
  conn.send({
    t: 'subscribed',
    rid: req.rid,
    room: req.room,
    head,
    members: ctx.rooms.members(req.room),
    epoch,
  });
  await hooks.subscribed(conn, req.room);
  conn.log.debug({ clientId: conn.clientId, room: req.room }, 'subscribed');
}

async function unsubscribe(conn: Connection, req: UnsubscribeRequest, ctx: RelayContext) {
  // A deliberate leave: offline at once, no reload grace. [P-PRES1]
  if (conn.rooms.delete(req.room)) ctx.rooms.leave(req.room, conn, true);
  conn.send({ t: 'unsubscribed', rid: req.rid, room: req.room });
}

/** [P-MSG2] [P-MSG3] [P-MSG4] [P-ROOM2] [P-MEM2] */
async function publish(
  conn: Connection,
  req: PublishRequest,
  ctx: RelayContext,
  hooks: HandlerRegistry<Connection>,
) {
  if (!(await conn.inRoom(req.room, req.rid, 'publish'))) return;
  const payload = Buffer.from(req.payload, 'base64url');
  if (payload.length > ctx.limits.maxPayloadBytes) {
    conn.error('PAYLOAD_TOO_LARGE', `payload over ${ctx.limits.maxPayloadBytes} bytes`, req.rid);
    return;
  }
  const from = conn.clientId;
  const stored = await ctx.storage.append({
    room: req.room,
    from,
    cmid: req.cmid,
    ts: Date.now(),
    payload,
  });
  const seq = stored.seq as Seq;
  if (!stored.duplicate) ctx.metrics.messagesStored.inc();
  // The ack goes out only now, after COMMIT, and before the fan-out reaches the sender.
  conn.send({
    t: 'ack',
    rid: req.rid,
    room: req.room,
    cmid: req.cmid,
    seq,
    ts: stored.ts,
    duplicate: stored.duplicate,
  });
  conn.log.debug({ clientId: from, room: req.room, seq, duplicate: stored.duplicate }, 'stored');
  if (stored.duplicate) return;
  const record = {
    room: req.room,
    seq,
    from,
    cmid: req.cmid,
    ts: stored.ts,
    payload,
    kind: 'app' as const,
  };
  const frame = encodeFrame({ t: 'msg', ...toWireMessage(record) });
  // The ack is out, so a fan-out failure is not this request's error: readers catch up
  // from history. It is logged for the operator.
  await ctx.rooms.publish(req.room, frame).catch((error: unknown) => {
    conn.log.error({ room: req.room, seq, err: String(error) }, 'fan-out failed');
  });
  const mentions = req.mentions && req.mentions.length > 0 ? { mentions: req.mentions } : {};
  hooks.stored(conn, { ...record, ...mentions }, (error) => {
    conn.log.error({ room: req.room, seq, err: String(error) }, 'stored hook failed');
  });
}

/** [P-HIST1] [P-HIST2] [P-HIST3] [P-MEM2] Pages capped in bytes, one at a time, paced. */
async function history(conn: Connection, req: HistoryRequest, ctx: RelayContext) {
  if (!(await conn.inRoom(req.room, req.rid, 'read history'))) return;
  const limit = Math.min(req.limit ?? ctx.limits.defaultHistoryPage, ctx.limits.maxHistoryPage);
  const query = {
    limit,
    maxBytes: ctx.limits.maxHistoryPageBytes - HISTORY_FRAME_OVERHEAD,
    ...(req.after === undefined ? {} : { after: req.after }),
    ...(req.before === undefined ? {} : { before: req.before }),
  };
  const served = conn.pages.enqueue(async () => {
    const page = await ctx.storage.history(req.room, query);
    const frame = encodeFrame({
      t: 'history',
      rid: req.rid,
      room: req.room,
      messages: page.messages.map(toWireMessage),
      hasMore: page.hasMore,
    });
    await conn.deliverFlushed(frame);
    // JSON of IDs, numbers and base64url: one byte per character.
    return frame.length;
  });
  if (!served) {
    conn.error('RATE_LIMITED', 'too many history requests waiting; wait for the answers', req.rid);
    return;
  }
  await served;
}
