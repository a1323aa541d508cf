import { z } from 'zod/mini';
import { BLOB_CLIENT_MESSAGES, BLOB_SERVER_MESSAGES } from './blob-messages.ts';
import { ErrorCode } from './errors.ts';
import { Base64Url, ClientId, ClientMsgId, Cursor, RequestId, RoomId, Seq } from './ids.ts';
import { base64UrlLength, LIMITS, PROTOCOL_VERSION } from './limits.ts';
import { MAIL_CLIENT_MESSAGES, MAIL_SERVER_MESSAGES, MailMentions } from './mail-messages.ts';
import { Epoch, MessageKind, MLS_CLIENT_MESSAGES, MLS_SERVER_MESSAGES } from './mls-messages.ts';
import { PAKE_CLIENT_MESSAGES, PAKE_SERVER_MESSAGES } from './pake-messages.ts';
import { PREVIEW_CLIENT_MESSAGES, PREVIEW_SERVER_MESSAGES } from './preview-messages.ts';
import { PROFILE_CLIENT_MESSAGES, PROFILE_SERVER_MESSAGES } from './profile-messages.ts';
import { PUSH_CLIENT_MESSAGES, PUSH_SERVER_MESSAGES } from './push-messages.ts';
import { SIGNAL_CLIENT_MESSAGES, SIGNAL_SERVER_MESSAGES } from './signal-messages.ts';

/** Opaque message payload: base64url bytes the server never parses. [P-MSG1] */
export const Payload = Base64Url.check(z.maxLength(base64UrlLength(LIMITS.maxPayloadBytes)));

// ---- client -> server ----------------------------------------------------------------

/** Answer to `challenge`: Ed25519 public key and signature over authMessage(). [P-AUTH1] */
export const AuthRequest = z.object({
  t: z.literal('auth'),
  v: z.literal(PROTOCOL_VERSION),
  publicKey: Base64Url.check(z.length(43)),
  signature: Base64Url.check(z.length(86)),
});

/** Subscribe to a room: live messages and presence from now on. [P-ROOM1] */
export const SubscribeRequest = z.object({ t: z.literal('sub'), rid: RequestId, room: RoomId });

export const UnsubscribeRequest = z.object({ t: z.literal('unsub'), rid: RequestId, room: RoomId });

/** Publish one message to a subscribed room. [P-MSG2] */
export const PublishRequest = z.object({
  t: z.literal('pub'),
  rid: RequestId,
  room: RoomId,
  cmid: ClientMsgId,
  payload: Payload,
  /** Members the message mentions, for e-mail (routing data, outside the ciphertext). [P-MAIL2] */
  mentions: z.optional(MailMentions),
});

/**
 * A page of history: `after` N gives the messages with seq > N in ascending order,
 * `before` N the newest `limit` messages with seq < N; neither gives the newest page. [P-HIST1]
 */
export const HistoryRequest = z
  .object({
    t: z.literal('hist'),
    rid: RequestId,
    room: RoomId,
    after: z.optional(Cursor),
    before: z.optional(Cursor),
    limit: z.optional(z.int().check(z.minimum(1), z.maximum(LIMITS.maxHistoryPage))),
  })
  .check(
    z.refine((r) => r.after === undefined || r.before === undefined, {
      message: 'give after or before, not both',
    }),
  );

/** Ask for STUN/TURN servers with fresh short-lived credentials (authenticated only). [P-ICE1] */
export const IceRequest = z.object({ t: z.literal('ice'), rid: RequestId });

export const ClientMessage = z.discriminatedUnion('t', [
  AuthRequest,
  SubscribeRequest,
  UnsubscribeRequest,
  PublishRequest,
  HistoryRequest,
  IceRequest,
  ...BLOB_CLIENT_MESSAGES,
  ...PUSH_CLIENT_MESSAGES,
  ...MAIL_CLIENT_MESSAGES,
  ...MLS_CLIENT_MESSAGES,
  ...PAKE_CLIENT_MESSAGES,
  ...PREVIEW_CLIENT_MESSAGES,
  ...PROFILE_CLIENT_MESSAGES,
  ...SIGNAL_CLIENT_MESSAGES,
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type AuthRequest = z.infer<typeof AuthRequest>;
export type SubscribeRequest = z.infer<typeof SubscribeRequest>;
export type UnsubscribeRequest = z.infer<typeof UnsubscribeRequest>;
export type PublishRequest = z.infer<typeof PublishRequest>;
export type HistoryRequest = z.infer<typeof HistoryRequest>;
export type IceRequest = z.infer<typeof IceRequest>;

// ---- server -> client ----------------------------------------------------------------

/** First frame on every connection. [P-AUTH1] [P-AUTH2] [P-AUTH5] */
export const ChallengeEvent = z.object({
  t: z.literal('challenge'),
  v: z.literal(PROTOCOL_VERSION),
  nonce: Base64Url.check(z.length(43)),
  origin: z.string().check(z.maxLength(2048)),
  expiresAt: z.int(),
});

/** A client never agrees to buffer history frames larger than this, whatever a server says. */
const MAX_ADVERTISED_PAGE_BYTES = 16 * 1024 * 1024;

/** Authentication succeeded; every connection earns it by signing a fresh challenge. [P-AUTH5] */
export const ReadyEvent = z.object({
  t: z.literal('ready'),
  clientId: ClientId,
  limits: z.object({
    maxFrameBytes: z.int(),
    maxPayloadBytes: z.int(),
    maxRoomsPerConnection: z.int(),
    maxHistoryPage: z.int(),
    /** Largest `history` frame the server sends; the client accepts frames this large. [P-HIST3] */
    maxHistoryPageBytes: z.optional(
      z.int().check(z.minimum(1), z.maximum(MAX_ADVERTISED_PAGE_BYTES)),
    ),
    /** Largest encrypted blob the server's blob store takes (absent: older servers). [P-BLOB5] */
    maxBlobBytes: z.optional(z.int().check(z.minimum(0))),
  }),
  /** What this server's operator turned on (absent: nothing optional). */
  features: z.optional(
    z.object({
      /** The server fetches link previews on request (`preview.req`). [P-PREV1] */
      linkPreviews: z.optional(z.boolean()),
    }),
  ),
});

export const SubscribedEvent = z.object({
  t: z.literal('subscribed'),
  rid: RequestId,
  room: RoomId,
  /** Highest seq stored for the room (0 when empty). */
  head: Cursor,
  /** Client IDs with at least one connection subscribed to the room, including the caller. */
  members: z.array(ClientId),
  /** The room's MLS epoch as the delivery service counts it (0: no commit yet). [P-DS1] */
  epoch: z.optional(Epoch),
});

export const UnsubscribedEvent = z.object({
  t: z.literal('unsubscribed'),
  rid: RequestId,
  room: RoomId,
});

/** Sent only after the message is durably stored. [P-MSG3] `duplicate`: stored earlier. [P-MSG4] */
export const AckEvent = z.object({
  t: z.literal('ack'),
  rid: RequestId,
  room: RoomId,
  cmid: ClientMsgId,
  seq: Seq,
  ts: z.int(),
  duplicate: z.boolean(),
});

/** One stored message, as delivered live and in history pages. */
export const StoredMessage = z.object({
  room: RoomId,
  seq: Seq,
  from: ClientId,
  cmid: ClientMsgId,
  ts: z.int(),
  payload: Payload,
  /** Absent means 'app'. A commit's payload is the MLS commit made in `epoch`. [P-DS1] */
  kind: z.optional(MessageKind),
  epoch: z.optional(Epoch),
  /**
   * A commit's declared roster change (its Welcome's recipients, the IDs it removes), as the
   * server applied it; members check it against what the commit really does. [P-MEM7]
   */
  adds: z.optional(z.array(ClientId).check(z.maxLength(LIMITS.maxWelcomeRecipients))),
  removes: z.optional(z.array(ClientId).check(z.maxLength(LIMITS.maxRemovesPerCommit))),
});
export type StoredMessage = z.infer<typeof StoredMessage>;

/** A message fanned out to every subscribed connection, the sender's too. [P-ROOM2] */
export const MessageEvent = z.extend(StoredMessage, { t: z.literal('msg') });

export const HistoryEvent = z.object({
  t: z.literal('history'),
  rid: RequestId,
  room: RoomId,
  messages: z.array(StoredMessage).check(z.maxLength(LIMITS.maxHistoryPage)),
  /** More messages exist beyond this page in the requested direction. */
  hasMore: z.boolean(),
});

/** A client ID came online in (first connection) or left (last connection) a room. [P-ROOM3] */
export const PresenceEvent = z.object({
  t: z.literal('presence'),
  room: RoomId,
  clientId: ClientId,
  state: z.enum(['online', 'offline']),
});

export const ErrorEvent = z.object({
  t: z.literal('error'),
  rid: z.optional(RequestId),
  code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
  message: z.string().check(z.maxLength(1024)),
  retryAfterMs: z.optional(z.int().check(z.minimum(0))),
  /** With EPOCH_CONFLICT: the room's current epoch, to rebase on. [P-DS1] */
  epoch: z.optional(Epoch),
  /** With NOT_MEMBER and no rid: a commit removed the client from this room. [P-MEM4] */
  room: z.optional(RoomId),
});

/** One RTCIceServer: STUN/TURN URLs, with TURN REST credentials for TURN entries. [P-ICE1] */
export const IceServer = z.object({
  urls: z.array(z.string().check(z.maxLength(512))).check(z.minLength(1), z.maxLength(8)),
  username: z.optional(z.string().check(z.maxLength(256))),
  credential: z.optional(z.string().check(z.maxLength(256))),
});
export type IceServer = z.infer<typeof IceServer>;

/** Answer to `ice`: an empty list when the server offers none. `expiresAt` in Unix ms. [P-ICE1] */
export const IceServersEvent = z.object({
  t: z.literal('iceServers'),
  rid: RequestId,
  iceServers: z.array(IceServer).check(z.maxLength(8)),
  expiresAt: z.int(),
});

export const ServerMessage = z.discriminatedUnion('t', [
  ChallengeEvent,
  ReadyEvent,
  SubscribedEvent,
  UnsubscribedEvent,
  AckEvent,
  MessageEvent,
  HistoryEvent,
  PresenceEvent,
  IceServersEvent,
  ...BLOB_SERVER_MESSAGES,
  ...PUSH_SERVER_MESSAGES,
  ...MAIL_SERVER_MESSAGES,
  ...MLS_SERVER_MESSAGES,
  ...PAKE_SERVER_MESSAGES,
  ...PREVIEW_SERVER_MESSAGES,
  ...PROFILE_SERVER_MESSAGES,
  ...SIGNAL_SERVER_MESSAGES,
  ErrorEvent,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
export type ChallengeEvent = z.infer<typeof ChallengeEvent>;
export type ReadyEvent = z.infer<typeof ReadyEvent>;
export type SubscribedEvent = z.infer<typeof SubscribedEvent>;
export type UnsubscribedEvent = z.infer<typeof UnsubscribedEvent>;
export type AckEvent = z.infer<typeof AckEvent>;
export type MessageEvent = z.infer<typeof MessageEvent>;
export type HistoryEvent = z.infer<typeof HistoryEvent>;
export type PresenceEvent = z.infer<typeof PresenceEvent>;
export type ErrorEvent = z.infer<typeof ErrorEvent>;
export type IceServersEvent = z.infer<typeof IceServersEvent>;
