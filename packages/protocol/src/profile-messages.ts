import { z } from 'zod/mini';
import { Base64Url, ClientId, RequestId, RoomId } from './ids.ts';
import { base64UrlLength } from './limits.ts';

// Profiles and typing [P-PROF*] [P-TYPE1]. A profile record is opaque bytes to the server:
// today the web app puts JSON {name, colour, avatar} in it; once MLS lands it is encrypted
// per room. The server compares, stores and forwards the bytes, nothing more.

/** Largest profile record, in bytes after base64url decoding. [P-PROF1] */
export const MAX_PROFILE_BYTES = 4 * 1024;

/** One opaque profile record. [P-PROF1] */
export const ProfileData = Base64Url.check(
  z.minLength(1),
  z.maxLength(base64UrlLength(MAX_PROFILE_BYTES)),
);

// ---- client -> server ----------------------------------------------------------------

/** Store this client's profile record for a room; fanned out when new or changed. [P-PROF1] [P-PROF2] */
export const ProfileSetRequest = z.object({
  t: z.literal('profile.set'),
  rid: RequestId,
  room: RoomId,
  data: ProfileData,
});

/** Ask for the stored profile record of a client in a room. [P-PROF3] */
export const ProfileGetRequest = z.object({
  t: z.literal('profile.get'),
  rid: RequestId,
  room: RoomId,
  clientId: ClientId,
});

/** The caller started (`active`) or stopped typing in a room: not stored. [P-TYPE1] */
export const TypingRequest = z.object({
  t: z.literal('typing'),
  /** Never answered; allowed so every request shape may carry one. */
  rid: z.optional(RequestId),
  room: RoomId,
  active: z.boolean(),
});

/** The caller became away (hidden tab, idle) or active again in a room: not stored. [P-PRES2] */
export const ActivityRequest = z.object({
  t: z.literal('activity'),
  /** Never answered; allowed so every request shape may carry one. */
  rid: z.optional(RequestId),
  room: RoomId,
  away: z.boolean(),
});

export type ProfileSetRequest = z.infer<typeof ProfileSetRequest>;
export type ProfileGetRequest = z.infer<typeof ProfileGetRequest>;
export type TypingRequest = z.infer<typeof TypingRequest>;
export type ActivityRequest = z.infer<typeof ActivityRequest>;

/** The profile requests, joined into ClientMessage. */
export const PROFILE_CLIENT_MESSAGES = [
  ProfileSetRequest,
  ProfileGetRequest,
  TypingRequest,
  ActivityRequest,
] as const;

// ---- server -> client ----------------------------------------------------------------

/** Answer to `profile.set`: `changed` is false when the same bytes were stored already. [P-PROF2] */
export const ProfileStoredEvent = z.object({
  t: z.literal('profile.stored'),
  rid: RequestId,
  room: RoomId,
  changed: z.boolean(),
});

/**
 * A client's profile record in a room: with `rid` it answers `profile.get` (`data` null
 * when none is stored) [P-PROF3]; without, it is a "profile update" fan-out. [P-PROF2]
 */
export const ProfileEvent = z.object({
  t: z.literal('profile'),
  rid: z.optional(RequestId),
  room: RoomId,
  clientId: ClientId,
  data: z.nullable(ProfileData),
});

/** Someone else in the room started or stopped typing. [P-TYPE1] */
export const TypingEvent = z.object({
  t: z.literal('typing'),
  room: RoomId,
  clientId: ClientId,
  active: z.boolean(),
});

/** Someone else in the room became away or active again. [P-PRES2] */
export const ActivityEvent = z.object({
  t: z.literal('activity'),
  room: RoomId,
  clientId: ClientId,
  away: z.boolean(),
});

export type ProfileStoredEvent = z.infer<typeof ProfileStoredEvent>;
export type ProfileEvent = z.infer<typeof ProfileEvent>;
export type TypingEvent = z.infer<typeof TypingEvent>;
export type ActivityEvent = z.infer<typeof ActivityEvent>;

/** The profile events, joined into ServerMessage. */
export const PROFILE_SERVER_MESSAGES = [
  ProfileStoredEvent,
  ProfileEvent,
  TypingEvent,
  ActivityEvent,
] as const;
