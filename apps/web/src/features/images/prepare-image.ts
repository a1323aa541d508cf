import type { ImageMime } from '@yam/client';
import { toBase64Url } from '@yam/protocol';
import { ImageFormatError, type ImageKind, stripMetadata } from './strip-metadata.ts';

/** Longest side of a sent image; larger photos are scaled down on this device. */
export const MAX_IMAGE_SIDE = 2048;
/** AES-GCM's nonce and tag: what encryption adds to an image's bytes. */
export const ENCRYPTION_OVERHEAD = 28;
/** The blob size cap servers had before they said theirs (`ready.limits.maxBlobBytes`). */
export const DEFAULT_MAX_BLOB_BYTES = 512 * 1024;
/** Source files larger than this are refused before decoding. */
const MAX_SOURCE_BYTES = 40 * 1024 * 1024;
/** Longest side of the tiny preview carried inside the message (shown blurred at once). */
const THUMB_SIDE = 24;
const MIME: Record<ImageKind, ImageMime> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

export type PreparedImage = {
  bytes: Uint8Array;
  mime: ImageMime;
  width: number;
  height: number;
  /** A tiny WebP (base64url) to show while the image loads. */
  thumb?: string;
  /** What the picked file weighed, for "3.1 MB → 280 KB". */
  originalBytes: number;
};

/** Bigger than the server takes even after resizing (an animation): send it as a file. */
export class ImageTooBigError extends Error {
  readonly file: Blob;

  constructor(file: Blob) {
    super('That image is bigger than this server takes, even made smaller.');
    this.file = file;
  }
}

/** The largest image bytes that still fit the server's blob cap once encrypted. */
export function maxImageBytes(maxBlobBytes: number | undefined): number {
  return (maxBlobBytes ?? DEFAULT_MAX_BLOB_BYTES) - ENCRYPTION_OVERHEAD;
}

/**
 * Readies a picked image for sending. Everything it says about its taker goes: EXIF (GPS
 * position, camera, time), XMP, IPTC and comments are stripped, losslessly when the pixels
 * can stay as they are. Photos turned by their EXIF orientation, larger than
 * MAX_IMAGE_SIDE or over `maxBytes` are redrawn upright and smaller (JPEG, or WebP when
 * they have transparency). Animations keep every frame; one too big for the server throws
 * ImageTooBigError, so the caller can offer a file transfer.
 */
export async function prepareImage(file: Blob, maxBytes: number): Promise<PreparedImage> {
  if (file.size > MAX_SOURCE_BYTES) throw new Error('That image is over 40 MB.');
  const original = new Uint8Array(await file.arrayBuffer());
  let stripped: ReturnType<typeof stripMetadata> | undefined;
  try {
    stripped = stripMetadata(original);
  } catch (error) {
    if (!(error instanceof ImageFormatError)) throw error;
  }
  let bitmap: ImageBitmap;
  try {
    // Applies the EXIF orientation, so what is drawn is upright.
    bitmap = await createImageBitmap(new Blob([original.slice().buffer]));
  } catch {
    throw new Error('That file is not an image this browser can read.');
  }
  try {
    const { width, height } = bitmap;
    const thumb = await thumbnail(bitmap).catch(() => undefined);
    const base = { width, height, originalBytes: original.length, ...(thumb ? { thumb } : {}) };
    if (stripped?.animated) {
      if (stripped.bytes.length > maxBytes) throw new ImageTooBigError(file);
      return { ...base, bytes: stripped.bytes, mime: MIME[stripped.kind] };
    }
    if (
      stripped &&
      stripped.orientation === 1 &&
      Math.max(width, height) <= MAX_IMAGE_SIDE &&
      stripped.bytes.length <= maxBytes
    ) {
      return { ...base, bytes: stripped.bytes, mime: MIME[stripped.kind] };
    }
    const alpha = stripped?.kind === 'png' || stripped?.kind === 'webp';
    const type = alpha ? 'image/webp' : 'image/jpeg';
    let scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(width, height));
    for (let attempt = 0; attempt < 8; attempt++) {
      const w = Math.max(1, Math.round(width * scale));
      const h = Math.max(1, Math.round(height * scale));
      const bytes = await encode(bitmap, w, h, type, attempt === 0 ? 0.85 : 0.75);
      if (bytes.length <= maxBytes) return { ...base, bytes, mime: type, width: w, height: h };
      scale *= 0.75;
    }
    throw new ImageTooBigError(file);
  } finally {
    bitmap.close();
  }
}

/** A few hundred bytes of WebP that the receiver shows blurred until the image arrives. */
async function thumbnail(bitmap: ImageBitmap): Promise<string | undefined> {
  const scale = THUMB_SIDE / Math.max(bitmap.width, bitmap.height);
  const bytes = await encode(
    bitmap,
    Math.max(1, Math.round(bitmap.width * scale)),
    Math.max(1, Math.round(bitmap.height * scale)),
    'image/webp',
    0.5,
  );
  return bytes.length <= 1_500 ? toBase64Url(bytes) : undefined;
}

async function encode(bitmap: ImageBitmap, w: number, h: number, type: string, quality: number) {
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot resize images.');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, w, h);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, quality));
  if (!blob) throw new Error('The image could not be encoded.');
  return new Uint8Array(await blob.arrayBuffer());
}
