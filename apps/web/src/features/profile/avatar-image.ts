/** Side of the square avatar image, in pixels: sharp at 2x for a 40 px avatar, small to send. */
export const AVATAR_PIXELS = 160;
/** Larger files are refused before decoding. */
export const MAX_AVATAR_SOURCE_BYTES = 20 * 1024 * 1024;

/**
 * Crops a chosen photo to its centre square and scales it down, on the client: the server
 * only ever gets the small, encrypted result. Returns JPEG bytes and a data URL to show.
 */
export async function squareAvatar(file: Blob): Promise<{ bytes: Uint8Array; dataUrl: string }> {
  if (file.size > MAX_AVATAR_SOURCE_BYTES) throw new Error('That photo is over 20 MB.');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error('That file is not an image this browser can read.');
  }
  const side = Math.min(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = AVATAR_PIXELS;
  canvas.height = AVATAR_PIXELS;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot resize images.');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(
    bitmap,
    (bitmap.width - side) / 2,
    (bitmap.height - side) / 2,
    side,
    side,
    0,
    0,
    AVATAR_PIXELS,
    AVATAR_PIXELS,
  );
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, 'image/jpeg', 0.85),
  );
  if (!blob) throw new Error('The photo could not be encoded.');
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return { bytes, dataUrl: `data:image/jpeg;base64,${base64(bytes)}` };
}

function base64(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}
