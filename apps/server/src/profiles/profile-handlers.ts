import type {
  ActivityRequest,
  ClientId,
  ProfileGetRequest,
  ProfileSetRequest,
  TypingRequest,
} from '@yam/protocol';
import { encodeFrame, MAX_PROFILE_BYTES } from '@yam/protocol';
import type { Connection } from '../relay/connection.ts';
import type { RelayContext } from '../relay/context.ts';
import { TokenBucket } from '../relay/rate-limit.ts';

/** The profile and typing requests the relay hands to this module. */
export type ProfileRequest =
  | ProfileSetRequest
  | ProfileGetRequest
  | TypingRequest
  | ActivityRequest;

/** Typing and activity frames per connection: a burst of 5, then 1 per second. [P-TYPE1] [P-PRES2] */
const EPHEMERAL_RATE_PER_SEC = 1;
const EPHEMERAL_BURST = 5;
// Keyed by connection so the buckets die with it; Connection itself stays untouched.
const ephemeralBuckets = new WeakMap<Connection, { typing: TokenBucket; activity: TokenBucket }>();

/** Runs one profile or typing request of an authenticated connection. */
export async function handleProfileRequest(
  conn: Connection,
  req: ProfileRequest,
  ctx: RelayContext,
): Promise<void> {
  switch (req.t) {
    case 'profile.set':
      return setProfile(conn, req, ctx);
    case 'profile.get':
      return getProfile(conn, req, ctx);
    case 'typing':
    case 'activity':
      return ephemeral(conn, req, ctx);
    default:
      req satisfies never;
  }
}

/** [P-PROF1] [P-PROF2] Compare-and-store, then fan out only real changes. */
async function setProfile(conn: Connection, req: ProfileSetRequest, ctx: RelayContext) {
  if (!conn.rooms.has(req.room)) {
    conn.error('NOT_SUBSCRIBED', 'subscribe to the room before setting a profile', req.rid);
    return;
  }
  const data = Buffer.from(req.data, 'base64url');
  if (data.length > MAX_PROFILE_BYTES) {
    conn.error('PAYLOAD_TOO_LARGE', `profile over ${MAX_PROFILE_BYTES} bytes`, req.rid);
    return;
  }
  const changed = await ctx.storage.putProfile(req.room, conn.clientId, data);
  conn.send({ t: 'profile.stored', rid: req.rid, room: req.room, changed });
  if (!changed) return;
  const frame = encodeFrame({
    t: 'profile',
    room: req.room,
    clientId: conn.clientId,
    data: data.toString('base64url'),
  });
  await ctx.rooms.publish(req.room, frame).catch((error: unknown) => {
    conn.log.error({ room: req.room, err: String(error) }, 'profile fan-out failed');
  });
}

/** [P-PROF3] */
async function getProfile(conn: Connection, req: ProfileGetRequest, ctx: RelayContext) {
  if (!conn.rooms.has(req.room)) {
    conn.error('NOT_SUBSCRIBED', 'subscribe to the room before reading profiles', req.rid);
    return;
  }
  const data = await ctx.storage.getProfile(req.room, req.clientId);
  conn.send({
    t: 'profile',
    rid: req.rid,
    room: req.room,
    clientId: req.clientId,
    data: data ? Buffer.from(data).toString('base64url') : null,
  });
}

/**
 * [P-TYPE1] [P-PRES2] Ephemeral: never stored, dropped silently beyond the rate (no rid to
 * answer), and not echoed to the sender's own connections. Typing and activity have a
 * bucket each, so a burst of typing never swallows an "away".
 */
async function ephemeral(
  conn: Connection,
  req: TypingRequest | ActivityRequest,
  ctx: RelayContext,
) {
  if (!conn.rooms.has(req.room)) return;
  let buckets = ephemeralBuckets.get(conn);
  if (!buckets) {
    buckets = {
      typing: new TokenBucket(EPHEMERAL_RATE_PER_SEC, EPHEMERAL_BURST),
      activity: new TokenBucket(EPHEMERAL_RATE_PER_SEC, EPHEMERAL_BURST),
    };
    ephemeralBuckets.set(conn, buckets);
  }
  if (buckets[req.t].take() > 0) return;
  const clientId: ClientId = conn.clientId;
  const frame = encodeFrame(
    req.t === 'typing'
      ? { t: 'typing', room: req.room, clientId, active: req.active }
      : { t: 'activity', room: req.room, clientId, away: req.away },
  );
  await ctx.rooms.publishExcept(req.room, frame, clientId).catch((error: unknown) => {
    conn.log.error({ room: req.room, err: String(error) }, `${req.t} fan-out failed`);
  });
}
