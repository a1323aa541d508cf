import { z } from 'zod/mini';
import { Base64Url, ClientId, ClientMsgId, RequestId, RoomId } from './ids.ts';
import { base64UrlLength, LIMITS } from './limits.ts';

// The server as MLS delivery service [P-DS*]. Every MLS structure (KeyPackage, commit,
// Welcome, MAC) is opaque base64url here: the server routes and stores, never parses.

/** What a room log entry holds: an application message or an MLS commit. [P-DS1] */
export const MessageKind = z.enum(['app', 'commit']);
export type MessageKind = z.infer<typeof MessageKind>;

/** An MLS epoch as the server counts it: 0 for a new room, +1 per accepted commit. [P-DS1] */
export const Epoch = z.int().check(z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER));

/** Server-assigned ID of an inbox item or a join request. */
export const ItemId = z.int().check(z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER));

const opaque = (maxBytes: number) =>
  Base64Url.check(z.minLength(1), z.maxLength(base64UrlLength(maxBytes)));

/** One serialized MLS KeyPackage. [P-DS2] */
export const KeyPackageData = opaque(LIMITS.maxKeyPackageBytes);
/** An MLS commit or Welcome: as large as a message payload. [P-DS3] */
export const HandshakeData = opaque(LIMITS.maxPayloadBytes);
/** The invite-key MAC over a join request's KeyPackage (invite links only). [P-DS5] */
export const JoinMac = opaque(LIMITS.maxJoinMacBytes);
/** A password join's CPace share, sid ‖ Ya (pake-messages.ts). [P-PAKE1] */
export const JoinPakeShare = Base64Url.check(z.length(base64UrlLength(LIMITS.joinPakeShareBytes)));
/** Opaque details the joiner shows members (e.g. an encrypted display name). [P-DS5] */
export const JoinInfo = opaque(LIMITS.maxJoinInfoBytes);
export const JoinOutcome = z.enum(['added', 'refused']);
export type JoinOutcome = z.infer<typeof JoinOutcome>;

// ---- client -> server ----------------------------------------------------------------

/**
 * Upload one-time KeyPackages; an empty list just asks for the count. `lastResort`
 * replaces the caller's last-resort KeyPackage (RFC 9420 §16.8), the one a claim gets
 * when no one-time one is left, and which a claim never deletes. [P-DS2]
 */
export const KeyPackagesPut = z.object({
  t: z.literal('kp.put'),
  rid: RequestId,
  keyPackages: z.array(KeyPackageData).check(z.maxLength(LIMITS.maxKeyPackagesPerFrame)),
  lastResort: z.optional(KeyPackageData),
});

/** Take (and delete) one KeyPackage of another client. [P-DS2] */
export const KeyPackageClaim = z.object({
  t: z.literal('kp.claim'),
  rid: RequestId,
  clientId: ClientId,
});

/**
 * An MLS commit made in `epoch`, with an optional Welcome for the added clients and the
 * client IDs the commit removes, which leave the server's roster. [P-DS1] [P-DS3] [P-MEM1]
 * `voids`: the seq of the commit that defined `epoch`'s successor on the server but that
 * this member could not apply (invalid, or its declared change is not what it does): it and
 * every commit after it are void, and this commit takes its place. [P-MEM7]
 */
export const CommitRequest = z.object({
  t: z.literal('commit'),
  rid: RequestId,
  room: RoomId,
  epoch: Epoch,
  cmid: ClientMsgId,
  commit: HandshakeData,
  welcome: z.optional(
    z.object({
      to: z.array(ClientId).check(z.minLength(1), z.maxLength(LIMITS.maxWelcomeRecipients)),
      data: HandshakeData,
    }),
  ),
  removes: z.optional(
    z.array(ClientId).check(z.minLength(1), z.maxLength(LIMITS.maxRemovesPerCommit)),
  ),
  /** Of the removed, those banned from asking to join again (owners and admins only). [P-ROLE3] */
  bans: z.optional(
    z.array(ClientId).check(z.minLength(1), z.maxLength(LIMITS.maxRemovesPerCommit)),
  ),
  voids: z.optional(z.int().check(z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER))),
});

/** Deletes a delivered inbox item. [P-DS4] */
export const InboxAck = z.object({ t: z.literal('inbox.ack'), rid: RequestId, id: ItemId });

/** Ask the members of a room to add us; needs no subscription. [P-DS5] */
export const JoinRequest = z.object({
  t: z.literal('join.req'),
  rid: RequestId,
  room: RoomId,
  keyPackage: KeyPackageData,
  mac: z.optional(JoinMac),
  pake: z.optional(JoinPakeShare),
  info: z.optional(JoinInfo),
});

/** A member settled a join request. [P-DS6] */
export const JoinDone = z.object({
  t: z.literal('join.done'),
  rid: RequestId,
  room: RoomId,
  id: ItemId,
  outcome: JoinOutcome,
});

export type KeyPackagesPut = z.infer<typeof KeyPackagesPut>;
export type KeyPackageClaim = z.infer<typeof KeyPackageClaim>;
export type CommitRequest = z.infer<typeof CommitRequest>;
export type InboxAck = z.infer<typeof InboxAck>;
export type JoinRequest = z.infer<typeof JoinRequest>;
export type JoinDone = z.infer<typeof JoinDone>;

/** The delivery-service requests, joined into ClientMessage. */
export const MLS_CLIENT_MESSAGES = [
  KeyPackagesPut,
  KeyPackageClaim,
  CommitRequest,
  InboxAck,
  JoinRequest,
  JoinDone,
] as const;

// ---- server -> client ----------------------------------------------------------------

/** `count`: unused one-time KeyPackages of the caller now stored; `lastResort`: whether it has one. [P-DS2] */
export const KeyPackagesStored = z.object({
  t: z.literal('kp.stored'),
  rid: RequestId,
  count: z.int().check(z.minimum(0)),
  lastResort: z.optional(z.boolean()),
});

/**
 * `keyPackage` is null when the client has none left; `lastResort` when it is the
 * client's last-resort KeyPackage (it stays on the server). [P-DS2]
 */
export const KeyPackageClaimed = z.object({
  t: z.literal('kp.claimed'),
  rid: RequestId,
  clientId: ClientId,
  keyPackage: z.nullable(KeyPackageData),
  lastResort: z.optional(z.boolean()),
});

/** A Welcome waiting in the inbox, sent after `ready` and live until acked. [P-DS4] */
export const WelcomeEvent = z.object({
  t: z.literal('welcome'),
  id: ItemId,
  room: RoomId,
  from: ClientId,
  data: HandshakeData,
  ts: z.int(),
});

export const InboxAcked = z.object({ t: z.literal('inbox.acked'), rid: RequestId, id: ItemId });

/** The join request is stored and was shown to the room's online members. [P-DS5] */
export const JoinQueued = z.object({
  t: z.literal('join.queued'),
  rid: RequestId,
  room: RoomId,
  id: ItemId,
});

/** A pending join request, to the room's subscribers. [P-DS5] */
export const JoinRequestEvent = z.object({
  t: z.literal('joinRequest'),
  id: ItemId,
  room: RoomId,
  from: ClientId,
  keyPackage: KeyPackageData,
  mac: z.optional(JoinMac),
  pake: z.optional(JoinPakeShare),
  info: z.optional(JoinInfo),
  ts: z.int(),
});

export const JoinResolved = z.object({
  t: z.literal('join.resolved'),
  rid: RequestId,
  room: RoomId,
  id: ItemId,
});

/** A join request was settled: to the requester and the room's subscribers. [P-DS6] */
export const JoinResultEvent = z.object({
  t: z.literal('joinResult'),
  room: RoomId,
  id: ItemId,
  outcome: JoinOutcome,
});

export type KeyPackagesStored = z.infer<typeof KeyPackagesStored>;
export type KeyPackageClaimed = z.infer<typeof KeyPackageClaimed>;
export type WelcomeEvent = z.infer<typeof WelcomeEvent>;
export type InboxAcked = z.infer<typeof InboxAcked>;
export type JoinQueued = z.infer<typeof JoinQueued>;
export type JoinRequestEvent = z.infer<typeof JoinRequestEvent>;
export type JoinResolved = z.infer<typeof JoinResolved>;
export type JoinResultEvent = z.infer<typeof JoinResultEvent>;

/** The delivery-service events, joined into ServerMessage. */
export const MLS_SERVER_MESSAGES = [
  KeyPackagesStored,
  KeyPackageClaimed,
  WelcomeEvent,
  InboxAcked,
  JoinQueued,
  JoinRequestEvent,
  JoinResolved,
  JoinResultEvent,
] as const;
