import { z } from 'zod/mini';

/** Content hash of a sticker file: base64url SHA-256 (43 characters). */
export const StickerHash = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/));

/** The image types a sticker library may hold (SVG is served sandboxed). */
export const StickerType = z.enum([
  'image/webp',
  'image/png',
  'image/gif',
  'image/jpeg',
  'image/svg+xml',
]);
export type StickerType = z.infer<typeof StickerType>;

/** A file name or category inside the library: no paths, no dot files. */
const Segment = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/));

export const Sticker = z.strictObject({
  /** `<category>/<name>`, unique in the library. */
  id: z.string().check(z.maxLength(160)),
  name: z.string().check(z.minLength(1), z.maxLength(64)),
  /** The image, relative to the library folder. */
  file: z.string().check(z.maxLength(160)),
  hash: StickerHash,
  type: StickerType,
  bytes: z.int().check(z.positive()),
  width: z.int().check(z.positive(), z.maximum(4096)),
  height: z.int().check(z.positive(), z.maximum(4096)),
  animated: z.boolean(),
  /** A small still (WebP) for the picker, relative to the library folder. */
  preview: z.string().check(z.maxLength(160)),
  previewHash: StickerHash,
  keywords: z.array(z.string().check(z.maxLength(40))).check(z.maxLength(16)),
});
export type Sticker = z.infer<typeof Sticker>;

export const StickerCategory = z.strictObject({
  id: Segment,
  name: z.string().check(z.minLength(1), z.maxLength(64)),
  stickers: z.array(Sticker).check(z.maxLength(2_000)),
});
export type StickerCategory = z.infer<typeof StickerCategory>;

/** `stickers/index.json`: what `yam stickers index` writes and the server serves. */
export const StickerIndex = z.strictObject({
  version: z.literal(1),
  categories: z.array(StickerCategory).check(z.maxLength(200)),
});
export type StickerIndex = z.infer<typeof StickerIndex>;

/** The extension a served sticker URL ends with, by type. */
export const STICKER_EXTENSION: Record<StickerType, string> = {
  'image/webp': 'webp',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/jpeg': 'jpg',
  'image/svg+xml': 'svg',
};

/** Where a server serves a sticker file by its hash (relative to the app's origin). */
export function stickerPath(hash: string, type: StickerType): string {
  return `stickers/h/${hash}.${STICKER_EXTENSION[type]}`;
}
