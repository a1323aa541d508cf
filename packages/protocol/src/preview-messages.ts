import { z } from 'zod/mini';
import { Base64Url, RequestId } from './ids.ts';
import { base64UrlLength } from './limits.ts';

// Link previews [P-PREV1..5]. An operator may let the server fetch a page for an
// authenticated client; the server then sees that URL. The client puts the result inside
// its encrypted message, so receivers never fetch anything.

/** Caps of a link preview, on the wire and inside message content. [P-PREV3] */
export const PREVIEW_LIMITS = {
  maxUrlChars: 2048,
  maxTitleChars: 200,
  maxDescriptionChars: 500,
  maxSiteNameChars: 100,
  maxImageBytes: 64 * 1024,
  maxImageSide: 16_384,
} as const;

/** Preview requests per client and per IP address: a burst, then a steady rate. [P-PREV4] */
export const PREVIEW_RATE = { perSec: 1 / 6, burst: 10 } as const;
export const PREVIEW_IP_RATE = { perSec: 1 / 2, burst: 30 } as const;

/** The image types a preview may carry, known by their magic bytes. [P-PREV3] */
export const PreviewImageMime = z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
export type PreviewImageMime = z.infer<typeof PreviewImageMime>;

/** A small image passed through as bytes (never a URL the receiver would fetch). */
export const PreviewImage = z.object({
  data: Base64Url.check(z.minLength(1), z.maxLength(base64UrlLength(PREVIEW_LIMITS.maxImageBytes))),
  mime: PreviewImageMime,
  width: z.int().check(z.minimum(0), z.maximum(PREVIEW_LIMITS.maxImageSide)),
  height: z.int().check(z.minimum(0), z.maximum(PREVIEW_LIMITS.maxImageSide)),
});
export type PreviewImage = z.infer<typeof PreviewImage>;

/** What a page says about itself, trimmed and capped. */
export const PreviewFields = z.object({
  title: z.optional(z.string().check(z.maxLength(PREVIEW_LIMITS.maxTitleChars))),
  description: z.optional(z.string().check(z.maxLength(PREVIEW_LIMITS.maxDescriptionChars))),
  siteName: z.optional(z.string().check(z.maxLength(PREVIEW_LIMITS.maxSiteNameChars))),
  image: z.optional(PreviewImage),
});
export type PreviewFields = z.infer<typeof PreviewFields>;

/** Only http(s) URLs of at most 2048 characters. [P-PREV2] */
export const PreviewUrl = z
  .string()
  .check(z.minLength(1), z.maxLength(PREVIEW_LIMITS.maxUrlChars), z.regex(/^https?:\/\//i));

/** Ask the server to fetch a page's preview (authenticated, operator opt-in). [P-PREV1] */
export const PreviewRequest = z.object({
  t: z.literal('preview.req'),
  rid: RequestId,
  url: PreviewUrl,
});
export type PreviewRequest = z.infer<typeof PreviewRequest>;

/** The preview requests, joined into ClientMessage. */
export const PREVIEW_CLIENT_MESSAGES = [PreviewRequest] as const;

/** The preview of `url` as the server found it. [P-PREV1] */
export const PreviewResult = z.extend(PreviewFields, {
  t: z.literal('preview.res'),
  rid: RequestId,
});
export type PreviewResult = z.infer<typeof PreviewResult>;

/** The preview events, joined into ServerMessage. */
export const PREVIEW_SERVER_MESSAGES = [PreviewResult] as const;
