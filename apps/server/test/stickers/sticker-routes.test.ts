import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sticker, StickerIndex, stickerPath, toBase64Url } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { rawGet } from '../helpers/raw-http.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const hash = (bytes: Buffer) => toBase64Url(createHash('sha256').update(bytes).digest());

/** A library folder as `yam stickers index` leaves it (written by hand: no sharp here). */
function library(extra: Partial<Sticker>[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'yam-stickers-'));
  mkdirSync(join(dir, 'faces'));
  const png = Buffer.from('89504e470d0a1a0a-not-really-a-png', 'utf8');
  const svg = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  );
  const preview = Buffer.from('RIFF-preview-webp');
  writeFileSync(join(dir, 'faces', 'smile.png'), png);
  writeFileSync(join(dir, 'faces', 'wink.svg'), svg);
  writeFileSync(join(dir, 'faces', 'smile.preview.webp'), preview);
  writeFileSync(join(dir, 'secret.txt'), 'not for the web');
  const base = {
    bytes: 10,
    width: 64,
    height: 64,
    animated: false,
    keywords: [],
    previewHash: hash(preview),
    preview: 'faces/smile.preview.webp',
  };
  const stickers: Sticker[] = [
    {
      ...base,
      id: 'faces/smile',
      name: 'smile',
      file: 'faces/smile.png',
      hash: hash(png),
      type: 'image/png',
    },
    {
      ...base,
      id: 'faces/wink',
      name: 'wink',
      file: 'faces/wink.svg',
      hash: hash(svg),
      type: 'image/svg+xml',
    },
    ...extra.map((e) => ({
      ...base,
      id: 'x',
      name: 'x',
      file: 'x',
      hash: hash(Buffer.from('x')),
      type: 'image/png' as const,
      ...e,
    })),
  ];
  const index: StickerIndex = {
    version: 1,
    categories: [{ id: 'faces', name: 'Faces', stickers }],
  };
  writeFileSync(join(dir, 'index.json'), JSON.stringify(index));
  return { dir, index, png, svg };
}

describe('the sticker library over HTTP', () => {
  let server: TestServer;
  let dir: string;
  afterEach(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the index and every file it lists by hash, cacheable for a year', async () => {
    const lib = library();
    dir = lib.dir;
    server = await startTestServer({ stickersDir: dir });
    const res = await rawGet(`${server.url}/stickers/index.json`);
    expect(res.status).toBe(200);
    const served = StickerIndex.parse(JSON.parse(res.body.toString()));
    expect(served).toEqual(lib.index);
    const [smile, wink] = served.categories[0]!.stickers;
    const image = await rawGet(`${server.url}/${stickerPath(smile!.hash, smile!.type)}`);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['cache-control']).toContain('immutable');
    expect(image.body.equals(lib.png)).toBe(true);
    const preview = await rawGet(`${server.url}/${stickerPath(smile!.previewHash, 'image/webp')}`);
    expect(preview.status).toBe(200);
    // An SVG opened on its own runs nothing in this origin.
    const svg = await rawGet(`${server.url}/${stickerPath(wink!.hash, wink!.type)}`);
    expect(svg.headers['content-security-policy']).toContain('sandbox');
    expect(svg.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('serves nothing the index does not list, nor outside the folder', async () => {
    const lib = library([
      { file: '../secret.txt', hash: hash(Buffer.from('y')) },
      { file: '/etc/passwd', hash: hash(Buffer.from('z')) },
    ]);
    dir = lib.dir;
    server = await startTestServer({ stickersDir: dir });
    const smile = lib.index.categories[0]!.stickers[0]!;
    for (const path of [
      `stickers/h/${hash(Buffer.from('y'))}.png`,
      `stickers/h/${hash(Buffer.from('z'))}.png`,
      `stickers/h/${smile.hash}.gif`, // the wrong extension for its type
      `stickers/h/${'A'.repeat(43)}.png`,
      'stickers/h/..%2Fsecret.txt',
      'stickers/faces/smile.png',
    ]) {
      expect((await rawGet(`${server.url}/${path}`)).status, path).toBe(404);
    }
  });

  it('picks up a rebuilt index without a restart, and an invalid one serves no stickers', async () => {
    const lib = library();
    dir = lib.dir;
    server = await startTestServer({ stickersDir: dir });
    expect((await rawGet(`${server.url}/stickers/index.json`)).status).toBe(200);
    writeFileSync(join(dir, 'index.json'), '{"version":2}');
    utimesSync(join(dir, 'index.json'), new Date(), new Date(Date.now() + 5_000));
    expect((await rawGet(`${server.url}/stickers/index.json`)).status).toBe(404);
    expect(
      (
        await rawGet(
          `${server.url}/${stickerPath(lib.index.categories[0]!.stickers[0]!.hash, 'image/png')}`,
        )
      ).status,
    ).toBe(404);
  });
});
