import { encodeFrame, type RoomId, SIGNAL_RATE, type SignalRequest } from '@yam/protocol';
import type { ClientChannels } from '../mls-ds/client-channels.ts';
import type { Connection } from './connection.ts';
import type { RelayContext } from './context.ts';
import { TokenBucket } from './rate-limit.ts';
import type { RoomMember } from './rooms.ts';

// Signals go through the bus's per-client channels under a (room, client) key, so only
// the connections of `to` subscribed to that room get them, in any process. [P-SIG1] [P-SIG3]
const keyOf = (room: RoomId, clientId: string) => `signal|${room}|${clientId}`;

type ConnSignals = { bucket: TokenBucket; routes: Map<RoomId, RoomMember> };
// Keyed by connection so the state dies with it; Connection itself stays untouched.
const perConnection = new WeakMap<Connection, ConnSignals>();

function stateOf(conn: Connection, channels: ClientChannels): ConnSignals {
  let state = perConnection.get(conn);
  if (!state) {
    const created: ConnSignals = {
      bucket: new TokenBucket(SIGNAL_RATE.perSec, SIGNAL_RATE.burst),
      routes: new Map(),
    };
    perConnection.set(conn, created);
    void conn.closed.then(() => {
      for (const route of created.routes.values()) channels.detach(route);
      created.routes.clear();
    });
    state = created;
  }
  return state;
}

/** Call once a connection subscribed to `room`: from now on it receives signals sent there. */
export function attachSignals(conn: Connection, room: RoomId, ctx: RelayContext): void {
  const channels = ctx.mls.channels;
  const state = stateOf(conn, channels);
  if (state.routes.has(room)) return;
  const route: RoomMember = {
    clientId: keyOf(room, conn.clientId) as RoomMember['clientId'],
    // An unsubscribed connection keeps its route until it closes, but gets nothing. [P-SIG3]
    deliver: (frame) => {
      if (conn.rooms.has(room)) conn.deliver(frame);
    },
  };
  state.routes.set(room, route);
  channels.attach(route);
}

/** [P-SIG1] [P-SIG2] [P-SIG4] Relays opaque signalling data; never parses `data`. */
export async function handleSignal(
  conn: Connection,
  req: SignalRequest,
  ctx: RelayContext,
): Promise<void> {
  if (!conn.rooms.has(req.room)) {
    conn.error('NOT_SUBSCRIBED', 'subscribe to the room before signalling', req.rid);
    return;
  }
  const state = stateOf(conn, ctx.mls.channels);
  const wait = state.bucket.take();
  if (wait > 0) {
    // Not conn.error(): RATE_LIMITED is fatal there, and a chatty ICE burst should not
    // cost the whole connection.
    conn.send({
      t: 'error',
      code: 'RATE_LIMITED',
      message: 'too many signals; slow down',
      retryAfterMs: wait,
      ...(req.rid === undefined ? {} : { rid: req.rid }),
    });
    return;
  }
  // members() is this process's view (and includes clients within the presence grace,
  // whose signal is then lost): good for one process; several would need bus presence.
  if (!ctx.rooms.members(req.room).includes(req.to)) {
    conn.error('NOT_FOUND', 'that client is not in the room', req.rid);
    return;
  }
  const frame = encodeFrame({ t: 'signal', room: req.room, from: conn.clientId, data: req.data });
  await ctx.mls.channels.send(keyOf(req.room, req.to), frame);
}
