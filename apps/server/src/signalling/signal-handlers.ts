import {
  encodeFrame,
  type IceRequest,
  type RoomId,
  SIGNAL_RATE,
  type SignalRequest,
} from '@yam/protocol';
import { TokenBucket } from '../rate-limit.ts';
import type {
  ClientFanOut,
  Peer,
  RelayPlugin,
  RoomFanOut,
  RoomMember,
} from '../relay/relay-plugin.ts';
import type { IceServers } from '../turn/ice-servers.ts';
import { RequestLimiter } from '../turn/request-limiter.ts';

export type SignallingParts = {
  /** Issues ICE servers for an authenticated client; absent when STUN/TURN is off. [P-ICE1] */
  iceServers?: ((clientId: string) => IceServers) | undefined;
  /** TURN credentials issued per IP address (IPv6 per /64): rate and burst. */
  credentialsPerIp?: { perSec: number; burst: number };
};

// Signals go through the per-client channels under a (room, client) key, so only the
// connections of `to` subscribed to that room get them, in any process. [P-SIG1] [P-SIG3]
const keyOf = (room: RoomId, clientId: string) => `signal|${room}|${clientId}`;

type PeerSignals = { bucket: TokenBucket; routes: Map<RoomId, RoomMember> };
type SignalContext = {
  readonly rooms: RoomFanOut;
  readonly clients: ClientFanOut;
  /** Keyed by peer so the state dies with its connection. */
  readonly perPeer: WeakMap<Peer, PeerSignals>;
};

/** What two peers need to reach each other: ICE servers and a relay for their signals. */
export function signalHandlers(parts: SignallingParts): RelayPlugin {
  return (relay) => {
    const ctx: SignalContext = {
      rooms: relay.rooms,
      clients: relay.clients,
      perPeer: new WeakMap(),
    };
    const { perSec, burst } = parts.credentialsPerIp ?? { perSec: 1 / 60, burst: 30 };
    const credentials = new RequestLimiter(perSec, burst);
    relay.on('ice', (peer, req) => ice(peer, req, parts, credentials));
    relay.on('signal', (peer, req) => signal(peer, req, ctx));
    relay.addHook('join', (peer, room) => attachSignals(peer, room, ctx));
    relay.addHook('close', (peer) => detachSignals(peer, ctx));
  };
}

function stateOf(peer: Peer, ctx: SignalContext): PeerSignals {
  let state = ctx.perPeer.get(peer);
  if (!state) {
    state = { bucket: new TokenBucket(SIGNAL_RATE.perSec, SIGNAL_RATE.burst), routes: new Map() };
    ctx.perPeer.set(peer, state);
  }
  return state;
}

/** Once a peer joined `room`: from now on it receives signals sent there. */
function attachSignals(peer: Peer, room: RoomId, ctx: SignalContext): void {
  const state = stateOf(peer, ctx);
  if (state.routes.has(room)) return;
  const route: RoomMember = {
    clientId: keyOf(room, peer.clientId) as RoomMember['clientId'],
    // An unsubscribed connection keeps its route until it closes, but gets nothing. [P-SIG3]
    deliver: (frame) => {
      if (peer.rooms.has(room)) peer.deliver(frame);
    },
  };
  state.routes.set(room, route);
  ctx.clients.attach(route);
}

function detachSignals(peer: Peer, ctx: SignalContext): void {
  const state = ctx.perPeer.get(peer);
  if (!state) return;
  for (const route of state.routes.values()) ctx.clients.detach(route);
  state.routes.clear();
}

/**
 * [P-SIG1] [P-SIG2] [P-SIG4] [P-MEM2] Relays opaque signalling data between two subscribed
 * connections, and only members subscribe; never parses `data`.
 */
async function signal(peer: Peer, req: SignalRequest, ctx: SignalContext): Promise<void> {
  if (!(await peer.inRoom(req.room, req.rid, 'signal'))) return;
  const wait = stateOf(peer, ctx).bucket.take();
  if (wait > 0) {
    // Not peer.error(): RATE_LIMITED is fatal there, and a chatty ICE burst should not
    // cost the whole connection.
    peer.send({
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
    peer.error('NOT_FOUND', 'that client is not in the room', req.rid);
    return;
  }
  const frame = encodeFrame({ t: 'signal', room: req.room, from: peer.clientId, data: req.data });
  await ctx.clients.send(keyOf(req.room, req.to), frame);
}

/** [P-ICE1] Only reached after auth: credentials name the authenticated client ID. */
function ice(
  peer: Peer,
  req: IceRequest,
  parts: SignallingParts,
  credentials: RequestLimiter,
): void {
  if (parts.iceServers && !credentials.allow(peer.ip)) {
    // Identities are free, addresses are not: credentials are counted per IP. Not fatal.
    peer.send({
      t: 'error',
      code: 'QUOTA_EXCEEDED',
      message: 'too many relay credentials for your network address; try again in a minute',
      rid: req.rid,
      retryAfterMs: 60_000,
    });
    return;
  }
  const servers = parts.iceServers?.(peer.clientId);
  peer.send({
    t: 'iceServers',
    rid: req.rid,
    iceServers: servers?.iceServers ?? [],
    expiresAt: servers?.expiresAt ?? Date.now(),
  });
}
