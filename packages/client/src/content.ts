import { PreviewFields, PreviewUrl } from '@yam/protocol';
import { z } from 'zod/mini';

/** Longest text of one message, in UTF-16 code units. */
export const MAX_TEXT_LENGTH = 16_000;
/** Longest display name carried in a message. */
export const MAX_NAME_LENGTH = 64;
/** Content bytes larger than this are refused before decoding. */
const MAX_CONTENT_BYTES = 128 * 1024;

/** The plaintext inside a message payload (MLS will encrypt it; this layer does not). */
export type TextContent = {
  type: 'text';
  text: string;
  name?: string;
  /** The message this one answers, quoted by its sender (inside the encryption). */
  replyTo?: ReplyTo;
  /** The thread this message belongs to: its root message's cmid (not shown in the main timeline). */
  thread?: string;
  /** Client IDs of the members `@Name` in the text refers to. */
  mentions?: string[];
  /** The sender's preview of a link in the text; receivers show it and fetch nothing. [P-PREV5] */
  preview?: LinkPreview;
  sentAt: number;
};
/** A link's preview as the sender got it: capped text and at most a 64 KiB image (bytes). */
export type LinkPreview = {
  url: string;
  title?: string;
  description?: string;
  siteName?: string;
  image?: { data: string; mime: ImageMime; width: number; height: number };
};
/**
 * A new text for the sender's own message `to` (its cmid). Receivers apply it only to a
 * message by the same author (the edit's author is the one its signature names); the
 * edit with the highest seq wins.
 */
export type EditContent = {
  type: 'edit';
  to: string;
  text: string;
  mentions?: string[];
  name?: string;
  sentAt: number;
};
/**
 * Takes the message `to` (cmid) by `author` (client ID) back: every device shows a
 * tombstone and forgets its text. Receivers apply it only when its sender is `author`,
 * or holds the owner or admin role (moderation).
 */
export type DeleteContent = {
  type: 'delete';
  to: string;
  author: string;
  name?: string;
  sentAt: number;
};
/** A quoted message: its cmid, its author's client ID and a short excerpt of its text. */
export type ReplyTo = { cmid: string; author: string; excerpt: string };
/**
 * An emoji reaction to the message `to` (its cmid). Sent, signed and stored like any
 * message; `remove` takes the sender's earlier same reaction back.
 */
export type ReactionContent = {
  type: 'reaction';
  reaction: string;
  to: string;
  remove?: boolean;
  name?: string;
  sentAt: number;
};
/**
 * An image by reference: the encrypted bytes live on peers and in the server's blob store
 * under `hash` (base64url SHA-256 of the ciphertext); `key` (base64url, 32 bytes) decrypts
 * them and `size` is the plaintext length, so only room members can read the image.
 */
export type ImageContent = {
  type: 'image';
  hash: string;
  key: string;
  size: number;
  mime: ImageMime;
  width: number;
  height: number;
  caption?: string;
  /** A tiny WebP (base64url) the receiver shows blurred while the image loads. */
  thumb?: string;
  name?: string;
  sentAt: number;
};
/** Image types the app shows; anything else could be active content (SVG) and is refused. */
export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif';
/**
 * A sticker from the server's sticker library, named by the content hash of its file:
 * every member's client loads it from its own app server (`stickerPath(hash, mime)`), so
 * the message carries no image. `label` is the sticker's name (the card shown when the
 * library lacks it); `name` is the sender's display name, as on every content type.
 */
export type StickerContent = {
  type: 'sticker';
  hash: string;
  mime: StickerMime;
  label: string;
  width: number;
  height: number;
  animated: boolean;
  name?: string;
  sentAt: number;
};
/** The image types a sticker library serves (SVG only ever as an `<img>`, never inline). */
export type StickerMime = 'image/webp' | 'image/png' | 'image/gif' | 'image/jpeg' | 'image/svg+xml';
/**
 * A voice message by reference, like an image: the encrypted Opus recording lives on peers
 * and in the server's blob store under `hash`; `waveform` holds up to 64 levels (0–31)
 * drawn in the bubble before the audio loads.
 */
export type VoiceContent = {
  type: 'voice';
  hash: string;
  key: string;
  size: number;
  mime: VoiceMime;
  durationMs: number;
  waveform: number[];
  name?: string;
  sentAt: number;
};
/** Audio types a voice message may carry (what MediaRecorder makes in current browsers). */
export type VoiceMime = 'audio/webm' | 'audio/ogg' | 'audio/mp4';
/** Content a bubble shows as media (the room view renders it). */
export type MediaContent = ImageContent | StickerContent | VoiceContent;
export type Content =
  | TextContent
  | ImageContent
  | StickerContent
  | VoiceContent
  | ReactionContent
  | EditContent
  | DeleteContent;

/** Largest voice recording (plaintext bytes) a message may refer to. */
export const MAX_VOICE_BYTES = 16 * 1024 * 1024;
/** Longest voice message, in milliseconds (one hour). */
export const MAX_VOICE_MS = 60 * 60 * 1000;
/** Most waveform levels a voice message carries, and the highest level. */
export const MAX_WAVEFORM_BARS = 64;
export const MAX_WAVEFORM_LEVEL = 31;
/** Longest sticker name carried in a sticker message. */
export const MAX_STICKER_LABEL = 64;

/** Largest image (plaintext bytes) a message may refer to. */
export const MAX_IMAGE_BYTES = 16 * 1024 * 1024;
/** Longest image caption. */
export const MAX_CAPTION_LENGTH = 2_000;
/** Longest reply excerpt (the sender cuts the quoted text to this). */
export const MAX_EXCERPT_LENGTH = 200;
/** Most members one message may mention. */
export const MAX_MENTIONS = 50;
/** Longest reaction (one emoji, ZWJ sequences and skin tones included). */
export const MAX_REACTION_LENGTH = 32;
const B64_32 = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/));
/** A client message ID [P-ID3] and a client ID [P-ID2], as the protocol shapes them. */
const Cmid = z.string().check(z.regex(/^[A-Za-z0-9._~-]{8,64}$/));
const Author = B64_32;
/** One emoji: pictographs, flags, skin tones, joiners; no letters, digits alone, spaces or markup. */
const EMOJI_CHARS =
  /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Component}|\u200d|\ufe0f|\u20e3)+$/u;
const PICTOGRAPH = /[\p{Extended_Pictographic}\p{Regional_Indicator}]|\u20e3/u;
const Emoji = z.string().check(
  // Counted in UTF-16 code units (zod's max counts code points).
  z.refine(
    (s) => s.length <= MAX_REACTION_LENGTH && EMOJI_CHARS.test(s) && PICTOGRAPH.test(s),
    'not an emoji',
  ),
);
const Reply = z.strictObject({
  cmid: Cmid,
  author: Author,
  excerpt: z.string().check(z.maxLength(MAX_EXCERPT_LENGTH)),
});
const Mentions = z.array(Author).check(z.maxLength(MAX_MENTIONS));
const SentAt = z.int().check(z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER));
const Pixels = z.int().check(z.minimum(1), z.maximum(16_384));

const ContentSchema = z.discriminatedUnion('type', [
  z.object({
    v: z.literal(1),
    type: z.literal('text'),
    text: z.string().check(z.maxLength(MAX_TEXT_LENGTH)),
    name: z.optional(z.string().check(z.maxLength(MAX_NAME_LENGTH))),
    replyTo: z.optional(Reply),
    thread: z.optional(Cmid),
    mentions: z.optional(Mentions),
    preview: z.optional(z.strictObject({ ...PreviewFields.shape, url: PreviewUrl })),
    sentAt: SentAt,
  }),
  z.object({
    v: z.literal(1),
    type: z.literal('edit'),
    to: Cmid,
    text: z.string().check(z.minLength(1), z.maxLength(MAX_TEXT_LENGTH)),
    mentions: z.optional(Mentions),
    name: z.optional(z.string().check(z.maxLength(MAX_NAME_LENGTH))),
    sentAt: SentAt,
  }),
  z.object({
    v: z.literal(1),
    type: z.literal('delete'),
    to: Cmid,
    author: Author,
    name: z.optional(z.string().check(z.maxLength(MAX_NAME_LENGTH))),
    sentAt: SentAt,
  }),
  z.object({
    v: z.literal(1),
    type: z.literal('reaction'),
    reaction: Emoji,
    to: Cmid,
    remove: z.optional(z.literal(true)),
    name: z.optional(z.string().check(z.maxLength(MAX_NAME_LENGTH))),
    sentAt: z.int().check(z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER)),
  }),
  z.object({
    v: z.literal(1),
    type: z.literal('image'),
    hash: B64_32,
    key: B64_32,
    size: z.int().check(z.minimum(1), z.maximum(MAX_IMAGE_BYTES)),
    mime: z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/gif']),
    width: Pixels,
    height: Pixels,
    caption: z.optional(z.string().check(z.maxLength(MAX_CAPTION_LENGTH))),
    thumb: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,2048}$/))),
    name: z.optional(z.string().check(z.maxLength(MAX_NAME_LENGTH))),
    sentAt: z.int().check(z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER)),
  }),
  z.object({
    v: z.literal(1),
    type: z.literal('sticker'),
    hash: B64_32,
    mime: z.enum(['image/webp', 'image/png', 'image/gif', 'image/jpeg', 'image/svg+xml']),
    label: z.string().check(z.minLength(1), z.maxLength(MAX_STICKER_LABEL)),
    width: z.int().check(z.minimum(1), z.maximum(4096)),
    height: z.int().check(z.minimum(1), z.maximum(4096)),
    animated: z.boolean(),
    name: z.optional(z.string().check(z.maxLength(MAX_NAME_LENGTH))),
    sentAt: SentAt,
  }),
  z.object({
    v: z.literal(1),
    type: z.literal('voice'),
    hash: B64_32,
    key: B64_32,
    size: z.int().check(z.minimum(1), z.maximum(MAX_VOICE_BYTES)),
    mime: z.enum(['audio/webm', 'audio/ogg', 'audio/mp4']),
    durationMs: z.int().check(z.minimum(0), z.maximum(MAX_VOICE_MS)),
    waveform: z
      .array(z.int().check(z.minimum(0), z.maximum(MAX_WAVEFORM_LEVEL)))
      .check(z.maxLength(MAX_WAVEFORM_BARS)),
    name: z.optional(z.string().check(z.maxLength(MAX_NAME_LENGTH))),
    sentAt: SentAt,
  }),
]);

/** Encodes content as UTF-8 JSON with a format version; throws RangeError on invalid content. */
export function encodeContent(content: Content): Uint8Array {
  const wire = { v: 1 as const, ...content };
  const result = ContentSchema.safeParse(wire);
  if (!result.success) {
    throw new RangeError(`invalid content: ${result.error.issues[0]?.message ?? 'unknown'}`);
  }
  return new TextEncoder().encode(JSON.stringify(result.data));
}

/** Decodes payload bytes into content; undefined for anything malformed or unknown. */
export function decodeContent(bytes: Uint8Array): Content | undefined {
  if (bytes.byteLength > MAX_CONTENT_BYTES) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  const result = ContentSchema.safeParse(json);
  if (!result.success) return undefined;
  const { v: _v, ...content } = result.data;
  return dropUndefined(content);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
