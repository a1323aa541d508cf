import { createHash } from 'node:crypto';
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import {
  type Sticker,
  type StickerCategory,
  StickerIndex,
  type StickerType,
  toBase64Url,
} from '@yam/protocol';
import sharp from 'sharp';

/** The largest sticker file taken; bigger ones are skipped with a warning. */
export const MAX_STICKER_BYTES = 2 * 1024 * 1024;
/** Edge of the picker's preview still, in pixels. */
export const PREVIEW_SIZE = 128;

const TYPES: Record<string, StickerType> = {
  '.webp': 'image/webp',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
};
const PREVIEW_SUFFIX = '.preview.webp';
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export type BuildReport = {
  stickers: number;
  categories: number;
  previewsMade: number;
  skipped: string[];
  /** False when index.json already said the same. */
  written: boolean;
};

/**
 * Rebuilds `<dir>/index.json` from the files in `<dir>/<category>/`: makes each missing
 * or outdated preview (`<name>.preview.webp`, a still of the first frame), hashes every
 * file, and writes the index only when it changed (running it twice changes nothing).
 */
export async function buildStickerIndex(dir: string): Promise<BuildReport> {
  const report: BuildReport = {
    stickers: 0,
    categories: 0,
    previewsMade: 0,
    skipped: [],
    written: false,
  };
  const categories: StickerCategory[] = [];
  const before = await previousHashes(dir);
  for (const category of (await readdir(dir, { withFileTypes: true })).sort(byName)) {
    if (!category.isDirectory() || category.name.startsWith('.')) continue;
    if (!SEGMENT.test(category.name)) {
      report.skipped.push(`${category.name}/ (folder names may use letters, digits, . _ -)`);
      continue;
    }
    const stickers: Sticker[] = [];
    const folder = join(dir, category.name);
    for (const file of (await readdir(folder)).sort()) {
      if (file.endsWith(PREVIEW_SUFFIX) || file.startsWith('.')) continue;
      const type = TYPES[extname(file).toLowerCase()];
      if (!type) continue;
      const where = `${category.name}/${file}`;
      if (!SEGMENT.test(file)) {
        report.skipped.push(`${where} (file names may use letters, digits, . _ -)`);
        continue;
      }
      const made = await stickerOf(dir, category.name, file, type, before).catch((error: Error) => {
        report.skipped.push(`${where} (${error.message})`);
        return undefined;
      });
      if (!made) continue;
      stickers.push(made.sticker);
      if (made.previewMade) report.previewsMade++;
    }
    if (stickers.length === 0) continue;
    categories.push({ id: category.name, name: titleOf(category.name), stickers });
    report.stickers += stickers.length;
  }
  report.categories = categories.length;
  const index = StickerIndex.parse({ version: 1, categories });
  const text = `${JSON.stringify(index, null, 2)}\n`;
  const target = join(dir, 'index.json');
  const old = await readFile(target, 'utf8').catch(() => undefined);
  if (old !== text) {
    await writeFile(`${target}.tmp`, text);
    await rename(`${target}.tmp`, target);
    report.written = true;
  }
  return report;
}

/** Each image's hash as the current index.json lists it: unchanged images keep their preview. */
async function previousHashes(dir: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  try {
    const index = StickerIndex.parse(JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')));
    for (const c of index.categories) for (const s of c.stickers) hashes.set(s.file, s.hash);
  } catch {
    // no index yet, or one this version cannot read: every preview is made again
  }
  return hashes;
}

async function stickerOf(
  dir: string,
  category: string,
  file: string,
  type: StickerType,
  before: ReadonlyMap<string, string>,
) {
  const path = join(dir, category, file);
  const info = await stat(path);
  if (info.size > MAX_STICKER_BYTES) throw new Error(`over ${MAX_STICKER_BYTES / 1024 / 1024} MiB`);
  const bytes = await readFile(path);
  const meta = await sharp(bytes, { animated: true }).metadata();
  const width = meta.width;
  const height = meta.pageHeight ?? meta.height;
  if (!width || !height) throw new Error('not an image sharp can read');
  const name = basename(file, extname(file));
  const previewFile = `${name}${PREVIEW_SUFFIX}`;
  const previewPath = join(dir, category, previewFile);
  const hash = hashOf(bytes);
  const previewInfo = await stat(previewPath).catch(() => undefined);
  let previewMade = false;
  // By content, not file times (a git checkout sets those in any order).
  if (!previewInfo || before.get(`${category}/${file}`) !== hash) {
    // The first frame only: the picker shows stills, the message the animation.
    await sharp(bytes, { density: type === 'image/svg+xml' ? 300 : 72 })
      .resize(PREVIEW_SIZE, PREVIEW_SIZE, {
        fit: 'contain',
        background: { r: 0, g: 0, b: 0, alpha: 0 },
      })
      .webp({ quality: 82 })
      .toFile(previewPath);
    previewMade = true;
  }
  const preview = await readFile(previewPath);
  const sticker: Sticker = {
    id: `${category}/${name}`,
    name: name.replace(/[-_]+/g, ' '),
    file: `${category}/${file}`,
    hash,
    type,
    bytes: bytes.length,
    width: Math.min(width, 4096),
    height: Math.min(height, 4096),
    animated: (meta.pages ?? 1) > 1,
    preview: `${category}/${previewFile}`,
    previewHash: hashOf(preview),
    keywords: name
      .split(/[-_.]+/)
      .filter(Boolean)
      .slice(0, 16),
  };
  return { sticker, previewMade };
}

function hashOf(bytes: Uint8Array): string {
  return toBase64Url(createHash('sha256').update(bytes).digest());
}

function titleOf(id: string): string {
  const words = id.replace(/[-_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
