import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StickerIndex } from '@yam/protocol';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildStickerIndex, PREVIEW_SIZE } from './build-sticker-index.ts';

const square = (colour: string, size = 300) =>
  sharp({ create: { width: size, height: size, channels: 4, background: colour } });

async function animatedGif(): Promise<Buffer> {
  const frames = await Promise.all(
    ['#f00', '#0f0', '#00f'].map((c) => square(c, 64).png().toBuffer()),
  );
  return sharp(frames, { join: { animated: true } })
    .gif({ delay: [100, 100, 100] })
    .toBuffer();
}

describe('yam stickers index', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes previews, writes a valid index, and a second run changes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'yam-sticker-build-'));
    mkdirSync(join(dir, 'cats'));
    mkdirSync(join(dir, 'party-time'));
    mkdirSync(join(dir, 'bad name!'));
    await square('#ff8800')
      .png()
      .toFile(join(dir, 'cats', 'orange-cat.png'));
    writeFileSync(
      join(dir, 'cats', 'wave.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 36"><circle cx="18" cy="18" r="16" fill="#fc0"/></svg>',
    );
    writeFileSync(join(dir, 'party-time', 'confetti.gif'), await animatedGif());
    writeFileSync(join(dir, 'cats', 'notes.txt'), 'not an image');
    writeFileSync(join(dir, 'cats', 'broken.png'), 'not a png');
    await square('#000')
      .png()
      .toFile(join(dir, 'bad name!', 'x.png'));

    const first = await buildStickerIndex(dir);
    expect(first).toMatchObject({ stickers: 3, categories: 2, previewsMade: 3, written: true });
    expect(first.skipped.join('\n')).toContain('cats/broken.png');
    expect(first.skipped.join('\n')).toContain('bad name!/');

    const index = StickerIndex.parse(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')));
    expect(index.categories.map((c) => [c.id, c.name])).toEqual([
      ['cats', 'Cats'],
      ['party-time', 'Party time'],
    ]);
    const confetti = index.categories[1]!.stickers[0]!;
    expect(confetti).toMatchObject({
      id: 'party-time/confetti',
      type: 'image/gif',
      animated: true,
      width: 64,
      height: 64,
    });
    const preview = await sharp(join(dir, confetti.preview)).metadata();
    expect(preview).toMatchObject({ format: 'webp', width: PREVIEW_SIZE, height: PREVIEW_SIZE });
    expect(preview.pages ?? 1).toBe(1);
    // The JSON Schema shipped beside the library says the same as the protocol's schema.
    expect(index).toEqual(StickerIndex.parse(index));

    const mtime = statSync(join(dir, 'index.json')).mtimeMs;
    const again = await buildStickerIndex(dir);
    expect(again).toMatchObject({ stickers: 3, previewsMade: 0, written: false });
    expect(statSync(join(dir, 'index.json')).mtimeMs).toBe(mtime);

    // A new pack: dropped in, indexed on the next run.
    mkdirSync(join(dir, 'dogs'));
    await square('#964B00')
      .webp()
      .toFile(join(dir, 'dogs', 'pup.webp'));
    expect(await buildStickerIndex(dir)).toMatchObject({
      stickers: 4,
      categories: 3,
      previewsMade: 1,
      written: true,
    });
  });

  it('ships a starter library whose index is current and valid, with its licence', async () => {
    const shipped = new URL('../../../../stickers/', import.meta.url);
    const index = StickerIndex.parse(
      JSON.parse(readFileSync(new URL('index.json', shipped), 'utf8')),
    );
    expect(index.categories.length).toBeGreaterThanOrEqual(3);
    expect(
      index.categories.some((c) => c.stickers.some((s) => s.animated && s.type === 'image/gif')),
    ).toBe(true);
    expect(readFileSync(new URL('LICENSE.md', shipped), 'utf8')).toContain('CC-BY 4.0');
    const schema = JSON.parse(readFileSync(new URL('index.schema.json', shipped), 'utf8'));
    expect(schema).toEqual(z.toJSONSchema(StickerIndex));
    // Rebuilding a copy changes nothing: the committed index and previews are current.
    dir = mkdtempSync(join(tmpdir(), 'yam-sticker-shipped-'));
    cpSync(shipped, dir, { recursive: true, preserveTimestamps: true });
    expect(await buildStickerIndex(dir)).toMatchObject({
      previewsMade: 0,
      written: false,
      skipped: [],
    });
  });
});
