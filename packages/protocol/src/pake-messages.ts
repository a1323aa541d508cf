import { z } from 'zod/mini';
import { Base64Url, ClientId, RequestId, RoomId } from './ids.ts';
import { base64UrlLength } from './limits.ts';
import { ItemId } from './mls-messages.ts';

// A password join as a CPace run between the joiner and one member, relayed by the server
// [P-PAKE1..3]. Shares and tags are opaque here: the server routes them, counts failed runs,
// and can test no password with them.

const exactly = (bytes: number) => Base64Url.check(z.length(base64UrlLength(bytes)));

/** A member's share Yb. */
export const PakeReplyShare = exactly(32);
/** A confirmation tag (HMAC-SHA-512). */
export const PakeTag = exactly(64);

// ---- client -> server ----------------------------------------------------------------

/** A member answers a password join request with its share; only the first answer runs. [P-PAKE2] */
export const PakeReplyRequest = z.object({
  t: z.literal('pake.reply'),
  rid: RequestId,
  room: RoomId,
  id: ItemId,
  share: PakeReplyShare,
});

/** The requester's confirmation tag, to the member that answered. [P-PAKE2] */
export const PakeConfirmRequest = z.object({
  t: z.literal('pake.confirm'),
  rid: RequestId,
  room: RoomId,
  id: ItemId,
  tag: PakeTag,
});

/**
 * The answering member's verdict on the requester's tag: with `tag` (its own confirmation,
 * relayed to the requester) the password was right; without, it was wrong, which counts
 * toward the room's and the requester's backoff and is shown to the members. [P-PAKE3]
 */
export const PakeDoneRequest = z.object({
  t: z.literal('pake.done'),
  rid: RequestId,
  room: RoomId,
  id: ItemId,
  tag: z.optional(PakeTag),
});

export type PakeReplyRequest = z.infer<typeof PakeReplyRequest>;
export type PakeConfirmRequest = z.infer<typeof PakeConfirmRequest>;
export type PakeDoneRequest = z.infer<typeof PakeDoneRequest>;

export const PAKE_CLIENT_MESSAGES = [
  PakeReplyRequest,
  PakeConfirmRequest,
  PakeDoneRequest,
] as const;

// ---- server -> client ----------------------------------------------------------------

/** The server relayed a `pake.*` request. */
export const PakeSent = z.object({
  t: z.literal('pake.sent'),
  rid: RequestId,
  room: RoomId,
  id: ItemId,
});

/** A member's share, to the requester only. [P-PAKE2] */
export const PakeReplyEvent = z.object({
  t: z.literal('pakeReply'),
  room: RoomId,
  id: ItemId,
  from: ClientId,
  share: PakeReplyShare,
});

/** The requester's tag, to the answering member only. [P-PAKE2] */
export const PakeConfirmEvent = z.object({
  t: z.literal('pakeConfirm'),
  room: RoomId,
  id: ItemId,
  from: ClientId,
  tag: PakeTag,
});

/** The member's tag, to the requester only: the member knows the password. [P-PAKE2] */
export const PakeProofEvent = z.object({
  t: z.literal('pakeProof'),
  room: RoomId,
  id: ItemId,
  from: ClientId,
  tag: PakeTag,
});

/** Someone tried a wrong password to join: to the room's members. [P-PAKE3] */
export const PakeFailedEvent = z.object({
  t: z.literal('pakeFailed'),
  room: RoomId,
  ts: z.int(),
});

export type PakeSent = z.infer<typeof PakeSent>;
export type PakeReplyEvent = z.infer<typeof PakeReplyEvent>;
export type PakeConfirmEvent = z.infer<typeof PakeConfirmEvent>;
export type PakeProofEvent = z.infer<typeof PakeProofEvent>;
export type PakeFailedEvent = z.infer<typeof PakeFailedEvent>;

export const PAKE_SERVER_MESSAGES = [
  PakeSent,
  PakeReplyEvent,
  PakeConfirmEvent,
  PakeProofEvent,
  PakeFailedEvent,
] as const;
