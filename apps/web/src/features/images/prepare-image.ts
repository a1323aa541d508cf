import type { ImageMime } from '@yam/client';

/** Longest side of a sent image; larger photos are scaled down on this device. */
export const MAX_IMAGE_SIDE = 2048;
/**
 * Largest image bytes sent: the server's default blob size cap (512 KiB) less the AES-GCM
 * nonce and tag, so the fallback copy always fits.
 */
export const MAX_IMAGE_UPLOAD = 512 * 1024 - 28;
/** Source files larger than this are refused before decoding. */
const MAX_SOURCE_BYTES = 40 * 1024 * 1024;
const KEEP_AS_IS: readonly string[] = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

export type PreparedImage = { bytes: Uint8Array; mime: ImageMime; width: number; height: number };

/**
 * Reads a chosen image, scaling it down (to JPEG) when it is over MAX_IMAGE_SIDE or over
 * `maxBytes` (the server's blob size cap keeps a fallback copy possible); small images of
 * a safe type are sent unchanged.
 */
export async function prepareImage(file: Blob, maxBytes: number): Promise<PreparedImage> {
  if (file.size > MAX_SOURCE_BYTES) throw new Error('That image is over 40 MB.');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error('That file is not an image this browser can read.');
  }
  try {
    const { width, height } = bitmap;
    if (
      KEEP_AS_IS.includes(file.type) &&
      Math.max(width, height) <= MAX_IMAGE_SIDE &&
      file.size <= maxBytes
    ) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      return { bytes, mime: file.type as ImageMime, width, height };
    }
    let scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(width, height));
    for (let attempt = 0; attempt < 8; attempt++) {
      const w = Math.max(1, Math.round(width * scale));
      const h = Math.max(1, Math.round(height * scale));
      const bytes = await encodeJpeg(bitmap, w, h, attempt === 0 ? 0.85 : 0.75);
      if (bytes.length <= maxBytes) return { bytes, mime: 'image/jpeg', width: w, height: h };
      scale *= 0.75;
    }
    throw new Error('That image could not be made small enough to send.');
  } finally {
    bitmap.close();
  }
}

async function encodeJpeg(bitmap: ImageBitmap, w: number, h: number, quality: number) {
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot resize images.');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, w, h);
  const blob = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, 'image/jpeg', quality),
  );
  if (!blob) throw new Error('The image could not be encoded.');
  return new Uint8Array(await blob.arrayBuffer());
}
