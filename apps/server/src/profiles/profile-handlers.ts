import type {
  ActivityRequest,
  ClientId,
  ProfileGetRequest,
  ProfileSetRequest,
  TypingRequest,
} from '@yam/protocol';
import { encodeFrame, MAX_PROFILE_BYTES } from '@yam/protocol';
import { TokenBucket } from '../rate-limit.ts';
import type { Peer, RelayPlugin, RoomFanOut } from '../relay/relay-plugin.ts';
import type { Storage } from '../storage/storage.ts';

type ProfileContext = { readonly storage: Storage; readonly rooms: RoomFanOut };

/** Typing and activity frames per connection: a burst of 5, then 1 per second. [P-TYPE1] [P-PRES2] */
const EPHEMERAL_RATE_PER_SEC = 1;
const EPHEMERAL_BURST = 5;
type EphemeralBuckets = { typing: TokenBucket; activity: TokenBucket };

/** Opaque per-room profile records, typing and activity, as a relay plugin. */
export function profileHandlers(parts: { storage: Storage }): RelayPlugin {
  return (relay) => {
    const ctx: ProfileContext = { storage: parts.storage, rooms: relay.rooms };
    // Keyed by peer so the buckets die with its connection.
    const buckets = new WeakMap<Peer, EphemeralBuckets>();
    relay.on('profile.set', (peer, req) => setProfile(peer, req, ctx));
    relay.on('profile.get', (peer, req) => getProfile(peer, req, ctx));
    relay.on('typing', (peer, req) => ephemeral(peer, req, ctx, buckets));
    relay.on('activity', (peer, req) => ephemeral(peer, req, ctx, buckets));
  };
}

/** [P-PROF1] [P-PROF2] [P-MEM2] Compare-and-store, then fan out only real changes. */
async function setProfile(peer: Peer, req: ProfileSetRequest, ctx: ProfileContext) {
  if (!(await peer.inRoom(req.room, req.rid, 'set a profile'))) return;
  const data = Buffer.from(req.data, 'base64url');
  if (data.length > MAX_PROFILE_BYTES) {
    peer.error('PAYLOAD_TOO_LARGE', `profile over ${MAX_PROFILE_BYTES} bytes`, req.rid);
    return;
  }
  const changed = await ctx.storage.putProfile(req.room, peer.clientId, data);
  peer.send({ t: 'profile.stored', rid: req.rid, room: req.room, changed });
  if (!changed) return;
  const frame = encodeFrame({
    t: 'profile',
    room: req.room,
    clientId: peer.clientId,
    data: data.toString('base64url'),
  });
  await ctx.rooms.publish(req.room, frame).catch((error: unknown) => {
    peer.log.error({ room: req.room, err: String(error) }, 'profile fan-out failed');
  });
}

/** [P-PROF3] [P-MEM2] */
async function getProfile(peer: Peer, req: ProfileGetRequest, ctx: ProfileContext) {
  if (!(await peer.inRoom(req.room, req.rid, 'read profiles'))) return;
  const data = await ctx.storage.getProfile(req.room, req.clientId);
  peer.send({
    t: 'profile',
    rid: req.rid,
    room: req.room,
    clientId: req.clientId,
    data: data ? Buffer.from(data).toString('base64url') : null,
  });
}

/**
 * [P-TYPE1] [P-PRES2] [P-MEM2] Ephemeral, from and to subscribers (members) only: never stored, dropped silently beyond the rate (no rid to
 * answer), and not echoed to the sender's own connections. Typing and activity have a
 * bucket each, so a burst of typing never swallows an "away".
 */
async function ephemeral(
  peer: Peer,
  req: TypingRequest | ActivityRequest,
  ctx: ProfileContext,
  perPeer: WeakMap<Peer, EphemeralBuckets>,
) {
  if (!peer.rooms.has(req.room)) return;
  let buckets = perPeer.get(peer);
  if (!buckets) {
    buckets = {
      typing: new TokenBucket(EPHEMERAL_RATE_PER_SEC, EPHEMERAL_BURST),
      activity: new TokenBucket(EPHEMERAL_RATE_PER_SEC, EPHEMERAL_BURST),
    };
    perPeer.set(peer, buckets);
  }
  if (buckets[req.t].take() > 0) return;
  const clientId: ClientId = peer.clientId;
  const frame = encodeFrame(
    req.t === 'typing'
      ? { t: 'typing', room: req.room, clientId, active: req.active }
      : { t: 'activity', room: req.room, clientId, away: req.away },
  );
  await ctx.rooms.publishExcept(req.room, frame, clientId).catch((error: unknown) => {
    peer.log.error({ room: req.room, err: String(error) }, `${req.t} fan-out failed`);
  });
}
