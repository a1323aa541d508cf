/**
 * Removes what a photo says about its taker (EXIF with GPS position, camera and time; XMP;
 * IPTC; comments; text chunks) from JPEG, PNG, WebP and GIF bytes without re-encoding the
 * pixels, so animations and quality stay. Colour profiles and what decoding needs stay.
 */
export type ImageKind = 'jpeg' | 'png' | 'webp' | 'gif';

export type Stripped = {
  bytes: Uint8Array;
  kind: ImageKind;
  /** JPEG EXIF orientation (1–8) before stripping; anything but 1 needs the pixels turned. */
  orientation: number;
  /** More than one frame (GIF, APNG or animated WebP). */
  animated: boolean;
};

export class ImageFormatError extends Error {}

/** The image type from the first bytes (never from the file name or the browser's guess). */
export function sniffImage(bytes: Uint8Array): ImageKind | undefined {
  const at = (i: number, ...values: number[]) => values.every((v, k) => bytes[i + k] === v);
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'webp';
  if (at(0, 0x47, 0x49, 0x46, 0x38)) return 'gif';
  return undefined;
}

export function stripMetadata(bytes: Uint8Array): Stripped {
  const kind = sniffImage(bytes);
  switch (kind) {
    case 'jpeg':
      return { kind, animated: false, ...stripJpeg(bytes) };
    case 'png':
      return { kind, orientation: 1, ...stripPng(bytes) };
    case 'webp':
      return { kind, orientation: 1, ...stripWebp(bytes) };
    case 'gif':
      return { kind, orientation: 1, ...stripGif(bytes) };
    default:
      throw new ImageFormatError('not a JPEG, PNG, WebP or GIF image');
  }
}

// JPEG: markers FFxx with a 2-byte big-endian length, up to SOS (FFDA); then scan data.
// Kept: APP0 (JFIF), APP2 (ICC profile), APP14 (Adobe colour transform). Dropped: APP1
// (EXIF, XMP), APP3–13 and APP15 (IPTC, maker data), COM (comments).
const KEEP_APP: readonly number[] = [0xe0, 0xe2, 0xee];

function stripJpeg(bytes: Uint8Array): { bytes: Uint8Array; orientation: number } {
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let orientation = 1;
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) throw new ImageFormatError('damaged JPEG');
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) {
      parts.push(bytes.subarray(i)); // start of scan: the rest is image data
      return { bytes: concat(parts), orientation };
    }
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    const end = i + 2 + length;
    if (length < 2 || end > bytes.length) throw new ImageFormatError('damaged JPEG');
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (marker === 0xe1) orientation = exifOrientation(bytes.subarray(i + 4, end)) ?? orientation;
    if (!(isApp && !KEEP_APP.includes(marker)) && marker !== 0xfe)
      parts.push(bytes.subarray(i, end));
    i = end;
  }
  throw new ImageFormatError('damaged JPEG');
}

/** Tag 0x0112 of IFD0 in an APP1 "Exif\0\0" payload. */
function exifOrientation(app1: Uint8Array): number | undefined {
  if (app1.length < 14 || String.fromCharCode(...app1.subarray(0, 4)) !== 'Exif') return undefined;
  const tiff = app1.subarray(6);
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const little = tiff[0] === 0x49;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return undefined;
  const count = view.getUint16(ifd, little);
  for (let k = 0; k < count; k++) {
    const entry = ifd + 2 + k * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

// PNG: 8-byte signature, then chunks (length, type, data, CRC). Dropped: text, EXIF, time.
const DROP_PNG: readonly string[] = ['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME'];

function stripPng(bytes: Uint8Array): { bytes: Uint8Array; animated: boolean } {
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let animated = false;
  let i = 8;
  while (i + 12 <= bytes.length) {
    const length = view.getUint32(i);
    const type = String.fromCharCode(...bytes.subarray(i + 4, i + 8));
    const end = i + 12 + length;
    if (end > bytes.length) throw new ImageFormatError('damaged PNG');
    if (type === 'acTL') animated = true;
    if (!DROP_PNG.includes(type)) parts.push(bytes.subarray(i, end));
    i = end;
    if (type === 'IEND') return { bytes: concat(parts), animated };
  }
  throw new ImageFormatError('damaged PNG');
}

// WebP: RIFF container; chunks (fourcc, little-endian size, data padded to even). Dropped:
// EXIF and XMP, with their flags in VP8X cleared.
function stripWebp(bytes: Uint8Array): { bytes: Uint8Array; animated: boolean } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let animated = false;
  let i = 12;
  while (i + 8 <= bytes.length) {
    const type = String.fromCharCode(...bytes.subarray(i, i + 4));
    const size = view.getUint32(i + 4, true);
    const end = i + 8 + size + (size % 2);
    if (i + 8 + size > bytes.length) throw new ImageFormatError('damaged WebP');
    if (type === 'VP8X') {
      const chunk = bytes.slice(i, Math.min(end, bytes.length));
      animated = (chunk[8]! & 0x02) !== 0;
      chunk[8] = chunk[8]! & ~0x0c; // EXIF (0x08) and XMP (0x04) flags
      parts.push(chunk);
    } else if (type !== 'EXIF' && type !== 'XMP ') {
      parts.push(bytes.subarray(i, Math.min(end, bytes.length)));
    }
    i = end;
  }
  const body = concat(parts);
  const out = new Uint8Array(12 + body.length);
  out.set(bytes.subarray(0, 12));
  out.set(body, 12);
  new DataView(out.buffer).setUint32(4, out.length - 8, true);
  return { bytes: out, animated };
}

// GIF: header, logical screen (+ global colour table), then blocks until the trailer.
// Dropped: comment extensions and application extensions other than the loop count.
function stripGif(bytes: Uint8Array): { bytes: Uint8Array; animated: boolean } {
  const parts: Uint8Array[] = [];
  let i = 13;
  if (bytes.length < 13) throw new ImageFormatError('damaged GIF');
  if (bytes[10]! & 0x80) i += 3 * 2 ** ((bytes[10]! & 0x07) + 1);
  parts.push(bytes.subarray(0, i));
  let frames = 0;
  const skipSubBlocks = (at: number) => {
    let k = at;
    while (k < bytes.length && bytes[k] !== 0) k += bytes[k]! + 1;
    if (k >= bytes.length) throw new ImageFormatError('damaged GIF');
    return k + 1;
  };
  while (i < bytes.length) {
    const block = bytes[i]!;
    if (block === 0x3b) {
      parts.push(bytes.subarray(i, i + 1));
      return { bytes: concat(parts), animated: frames > 1 };
    }
    if (block === 0x21) {
      const label = bytes[i + 1];
      const end = skipSubBlocks(i + 2);
      const app = label === 0xff ? String.fromCharCode(...bytes.subarray(i + 3, i + 14)) : '';
      const keep =
        label === 0xf9 || label === 0x01 || app === 'NETSCAPE2.0' || app === 'ANIMEXTS1.0';
      if (keep) parts.push(bytes.subarray(i, end));
      i = end;
    } else if (block === 0x2c) {
      frames++;
      let k = i + 10;
      if (bytes[i + 9]! & 0x80) k += 3 * 2 ** ((bytes[i + 9]! & 0x07) + 1);
      const end = skipSubBlocks(k + 1);
      parts.push(bytes.subarray(i, end));
      i = end;
    } else {
      throw new ImageFormatError('damaged GIF');
    }
  }
  throw new ImageFormatError('damaged GIF');
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
