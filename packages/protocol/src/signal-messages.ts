import { z } from 'zod/mini';
import { Base64Url, ClientId, RequestId, RoomId } from './ids.ts';
import { base64UrlLength } from './limits.ts';

// WebRTC signalling [P-SIG1..4]. The server relays opaque `data` between two clients
// subscribed to the same room; it never parses it (offers, answers and ICE candidates are
// the SDK's business, signed end to end where it matters).

/** Largest signalling blob, in bytes after base64url decoding. [P-SIG2] */
export const MAX_SIGNAL_BYTES = 16 * 1024;

/** Signals per connection: a burst, then a steady rate (token bucket). [P-SIG4] */
export const SIGNAL_RATE = { perSec: 20, burst: 60 } as const;

/** Opaque signalling bytes. [P-SIG2] */
export const SignalData = Base64Url.check(
  z.minLength(1),
  z.maxLength(base64UrlLength(MAX_SIGNAL_BYTES)),
);

/** Relay `data` to the connections of `to` subscribed to `room`; no reply on success. [P-SIG1] */
export const SignalRequest = z.object({
  t: z.literal('signal'),
  /** Answered only by an error. */
  rid: z.optional(RequestId),
  room: RoomId,
  to: ClientId,
  data: SignalData,
});
export type SignalRequest = z.infer<typeof SignalRequest>;

/** The signalling requests, joined into ClientMessage. */
export const SIGNAL_CLIENT_MESSAGES = [SignalRequest] as const;

/** Signalling data from `from`, a client subscribed to `room`. [P-SIG1] [P-SIG3] */
export const SignalEvent = z.object({
  t: z.literal('signal'),
  room: RoomId,
  from: ClientId,
  data: SignalData,
});
export type SignalEvent = z.infer<typeof SignalEvent>;

/** The signalling events, joined into ServerMessage. */
export const SIGNAL_SERVER_MESSAGES = [SignalEvent] as const;
