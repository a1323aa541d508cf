import { z } from 'zod/mini';

/** Characters allowed in room IDs, client message IDs and tokens: URL-safe, no escaping. */
const URL_SAFE = /^[A-Za-z0-9._~-]+$/;
const B64URL = /^[A-Za-z0-9_-]+$/;

/** A room's identifier inside one server. 1-128 URL-safe characters. [P-ID1] */
export const RoomId = z
  .string()
  .check(z.minLength(1), z.maxLength(128), z.regex(URL_SAFE))
  .brand<'RoomId'>();
export type RoomId = z.infer<typeof RoomId>;

/** A device: base64url (no padding) of SHA-256 over its Ed25519 public key, 43 chars. [P-ID2] */
export const ClientId = z.string().check(z.length(43), z.regex(B64URL)).brand<'ClientId'>();
export type ClientId = z.infer<typeof ClientId>;

/** Chosen by the sender; makes resends idempotent per (room, client). 8-64 URL-safe chars. [P-ID3] */
export const ClientMsgId = z
  .string()
  .check(z.minLength(8), z.maxLength(64), z.regex(URL_SAFE))
  .brand<'ClientMsgId'>();
export type ClientMsgId = z.infer<typeof ClientMsgId>;

/** A room's gap-free sequence number: the first message is 1. [P-SEQ1] */
export const Seq = z.int().check(z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER)).brand<'Seq'>();
export type Seq = z.infer<typeof Seq>;

/** A cursor: 0 means "before the first message". */
export const Cursor = z.int().check(z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER));

/** Request ID chosen by the client to match replies to requests. */
export const RequestId = z.int().check(z.minimum(0), z.maximum(0xffffffff));
export type RequestId = z.infer<typeof RequestId>;

/** Base64url text (no padding). */
export const Base64Url = z.string().check(z.regex(B64URL));

/** Parses untrusted text into a RoomId, or returns undefined. */
export function parseRoomId(value: unknown): RoomId | undefined {
  const result = RoomId.safeParse(value);
  return result.success ? result.data : undefined;
}

/** Parses untrusted text into a ClientId, or returns undefined. */
export function parseClientId(value: unknown): ClientId | undefined {
  const result = ClientId.safeParse(value);
  return result.success ? result.data : undefined;
}
