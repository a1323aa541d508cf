import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImageFormatError, sniffImage, stripMetadata } from './strip-metadata.ts';

const GPS = {
  IFD0: { Copyright: 'Alice', Make: 'CanonCam' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2637/100' },
};
const base = () => sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a7' } });
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

async function pixels(bytes: Uint8Array) {
  return sharp(bytes).raw().toBuffer();
}

describe('stripMetadata', () => {
  it('JPEG: drops EXIF (GPS, camera) and comments, keeps the pixels and reads the orientation', async () => {
    const jpeg = new Uint8Array(await base().jpeg().withExif(GPS).toBuffer());
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    expect(text(jpeg)).toContain('CanonCam');
    const out = stripMetadata(jpeg);
    expect(out).toMatchObject({ kind: 'jpeg', orientation: 1, animated: false });
    expect((await sharp(out.bytes).metadata()).exif).toBeUndefined();
    expect(text(out.bytes)).not.toContain('CanonCam');
    expect(text(out.bytes)).not.toContain('Exif');
    expect((await pixels(out.bytes)).equals(await pixels(jpeg))).toBe(true);

    const turned = new Uint8Array(await base().jpeg().withMetadata({ orientation: 6 }).toBuffer());
    expect(stripMetadata(turned).orientation).toBe(6);
  });

  it('PNG and WebP: drop EXIF and text, keep the image', async () => {
    for (const encoded of [
      await base().png().withExif(GPS).toBuffer(),
      await base().webp({ lossless: true }).withExif(GPS).toBuffer(),
    ]) {
      const input = new Uint8Array(encoded);
      expect(text(input)).toContain('CanonCam');
      const out = stripMetadata(input);
      expect(text(out.bytes)).not.toContain('CanonCam');
      expect((await sharp(out.bytes).metadata()).exif).toBeUndefined();
      expect((await pixels(out.bytes)).equals(await pixels(input))).toBe(true);
    }
  });

  it('GIF: drops comments, keeps every frame and the loop', async () => {
    const frames = await Promise.all(
      ['#f00', '#0f0'].map((c) =>
        sharp({ create: { width: 8, height: 8, channels: 4, background: c } })
          .png()
          .toBuffer(),
      ),
    );
    const gif = new Uint8Array(
      await sharp(frames, { join: { animated: true } })
        .gif({ delay: [50, 50], loop: 0 })
        .toBuffer(),
    );
    // A comment extension with a secret, right after the header and colour table.
    const at = gif.indexOf(0x21);
    const comment = [0x21, 0xfe, 6, ...Buffer.from('secret'), 0];
    const withComment = new Uint8Array([...gif.subarray(0, at), ...comment, ...gif.subarray(at)]);
    expect(text(withComment)).toContain('secret');
    const out = stripMetadata(withComment);
    expect(out).toMatchObject({ kind: 'gif', animated: true });
    expect(text(out.bytes)).not.toContain('secret');
    expect((await sharp(out.bytes, { animated: true }).metadata()).pages).toBe(2);
  });

  it('refuses what is not an image, and damaged files, with a typed error', () => {
    expect(
      sniffImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')),
    ).toBeUndefined();
    for (const bad of [
      new Uint8Array([1, 2, 3]),
      new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]),
      new Uint8Array([0x47, 0x49, 0x46, 0x38]),
    ]) {
      expect(() => stripMetadata(bad)).toThrow(ImageFormatError);
    }
  });
});
