import { z } from 'zod/mini';
import { Base64Url, RequestId, RoomId } from './ids.ts';

// Web Push subscriptions [P-PUSH1..5]. The server learns a push endpoint and its RFC 8291
// keys, never what it will carry: the payload is the room's MLS ciphertext (or a wake-up).

/** Rooms one subscription may cover; the server also caps subscriptions per client. [P-PUSH2] */
export const MAX_PUSH_ROOMS = 256;
/** Longest push endpoint URL accepted (real ones are under 500 characters). */
export const MAX_PUSH_ENDPOINT = 1024;

/** Ask for the server's VAPID public key (the `applicationServerKey` of PushManager). [P-PUSH1] */
export const PushKeyRequest = z.object({ t: z.literal('push.key'), rid: RequestId });

/** The VAPID public key: base64url of the uncompressed P-256 point (65 bytes). [P-PUSH1] */
export const PushKeyEvent = z.object({
  t: z.literal('push.key.is'),
  rid: RequestId,
  key: Base64Url.check(z.maxLength(100)),
});

/**
 * Register (or replace) this device's push subscription for a set of rooms: only rooms
 * whose roster holds the connection's client; one `NOT_MEMBER` refuses the whole request.
 * [P-PUSH2]
 */
export const PushSubscribeRequest = z.object({
  t: z.literal('push.subscribe'),
  rid: RequestId,
  endpoint: z.url().check(z.maxLength(MAX_PUSH_ENDPOINT)),
  /** RFC 8291: the browser's P-256 public key (65 bytes) and auth secret (16 bytes). */
  p256dh: Base64Url.check(z.minLength(80), z.maxLength(100)),
  auth: Base64Url.check(z.minLength(16), z.maxLength(32)),
  rooms: z.array(RoomId).check(z.maxLength(MAX_PUSH_ROOMS)),
});

export const PushSubscribedEvent = z.object({
  t: z.literal('push.subscribed'),
  rid: RequestId,
  rooms: z.int().check(z.minimum(0)),
});

/** Remove this client's subscription of `endpoint` (unknown ones: no error). [P-PUSH2] */
export const PushUnsubscribeRequest = z.object({
  t: z.literal('push.unsubscribe'),
  rid: RequestId,
  endpoint: z.url().check(z.maxLength(MAX_PUSH_ENDPOINT)),
});

export const PushUnsubscribedEvent = z.object({
  t: z.literal('push.unsubscribed'),
  rid: RequestId,
});

/**
 * The push payload the service worker receives (JSON, then RFC 8291-encrypted by the push
 * layer). A message: `c` is its MLS ciphertext when it fits, else absent (a wake-up).
 * [P-PUSH3]
 */
export const MessagePush = z.object({
  v: z.literal(1),
  k: z.literal('msg'),
  room: RoomId,
  seq: z.int().check(z.minimum(1)),
  from: z.string().check(z.maxLength(64)),
  cmid: z.string().check(z.maxLength(64)),
  ts: z.int(),
  c: z.optional(Base64Url.check(z.maxLength(4096))),
});

/** Someone asks to join the room and waits for a member's Accept: no more than that. [P-PUSH6] */
export const JoinPush = z.object({
  v: z.literal(1),
  k: z.literal('join'),
  room: RoomId,
  ts: z.int(),
});

export const PushPayload = z.discriminatedUnion('k', [MessagePush, JoinPush]);

export type PushKeyRequest = z.infer<typeof PushKeyRequest>;
export type PushKeyEvent = z.infer<typeof PushKeyEvent>;
export type PushSubscribeRequest = z.infer<typeof PushSubscribeRequest>;
export type PushSubscribedEvent = z.infer<typeof PushSubscribedEvent>;
export type PushUnsubscribeRequest = z.infer<typeof PushUnsubscribeRequest>;
export type PushUnsubscribedEvent = z.infer<typeof PushUnsubscribedEvent>;
export type PushPayload = z.infer<typeof PushPayload>;
export type MessagePush = z.infer<typeof MessagePush>;
export type JoinPush = z.infer<typeof JoinPush>;

export const PUSH_CLIENT_MESSAGES = [
  PushKeyRequest,
  PushSubscribeRequest,
  PushUnsubscribeRequest,
] as const;
export const PUSH_SERVER_MESSAGES = [
  PushKeyEvent,
  PushSubscribedEvent,
  PushUnsubscribedEvent,
] as const;
