/**
 * Time to open the sticker picker: the starter pack (baseline) against a generated
 * 1,000-sticker library, in the built web app served by a real Yam server, in Chromium.
 * Measured in the page from the click on "Stickers" to the first preview decoded and shown;
 * prints the medians and the ratio 1000/starter. Run: `node bench/stickers-picker.ts`
 * (after `npm run build -w @yam/web`).
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import type { StickerIndex } from '@yam/protocol';
import { startServer } from '@yam/server';

const { values } = parseArgs({
  options: {
    stickers: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '7' },
  },
});
const COUNT = Number(values.stickers);
const RUNS = Number(values.runs);
const STARTER = fileURLToPath(new URL('../stickers', import.meta.url));
const WEB_ROOT = fileURLToPath(new URL('../apps/web/dist', import.meta.url));

const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64url');

/** COUNT distinct stickers (a PNG with a varying tail, so each has its own hash) in one category. */
async function generatedLibrary(dir: string): Promise<void> {
  const png = await readFile(join(STARTER, 'animals/cat.preview.webp'));
  await mkdir(join(dir, 'many'), { recursive: true });
  const stickers: StickerIndex['categories'][number]['stickers'] = [];
  for (let i = 0; i < COUNT; i++) {
    // Trailing bytes after a WebP's RIFF size are ignored by decoders.
    const bytes = Buffer.concat([png, Buffer.from(`#${i}`)]);
    const file = `many/s${i}.webp`;
    await writeFile(join(dir, file), bytes);
    stickers.push({
      id: `many/s${i}`,
      name: `sticker ${i}`,
      file,
      hash: hashOf(bytes),
      type: 'image/webp',
      bytes: bytes.length,
      width: 72,
      height: 72,
      animated: false,
      preview: file,
      previewHash: hashOf(bytes),
      keywords: ['generated', `n${i % 50}`],
    });
  }
  const index: StickerIndex = { version: 1, categories: [{ id: 'many', name: 'Many', stickers }] };
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
}

async function openRoom(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/?room=bench-stickers`);
  const addRoom = page.getByRole('dialog', { name: 'Add room' });
  const composer = page.getByRole('textbox', { name: 'Message' });
  await addRoom.or(composer).first().waitFor();
  if (await addRoom.isVisible()) await addRoom.getByRole('button', { name: 'Connect' }).click();
  await page.waitForFunction(
    () =>
      document.querySelector<HTMLButtonElement>('button[aria-label="Stickers"]')?.disabled ===
      false,
    undefined,
    { timeout: 60_000 },
  );
}

/** Milliseconds from the click to the first decoded preview in the grid (in the page). */
function timeOpen(page: Page): Promise<{ ms: number; cells: number }> {
  return page.evaluate(async () => {
    const button = document.querySelector<HTMLButtonElement>('button[aria-label="Stickers"]');
    if (!button) throw new Error('no Stickers button');
    const start = performance.now();
    button.click();
    for (;;) {
      const img = document.querySelector<HTMLImageElement>('.sticker-grid img');
      if (img?.complete && img.naturalWidth > 0) break;
      await new Promise((r) => requestAnimationFrame(r));
    }
    const ms = performance.now() - start;
    const cells = document.querySelectorAll('.sticker-grid .sticker-cell').length;
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await new Promise((r) => setTimeout(r, 50));
    return { ms, cells };
  });
}

async function measure(
  stickersDir: string,
): Promise<{ median: number; first: number; cells: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'yam-bench-stickers-'));
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    webRoot: WEB_ROOT,
    stickersDir,
    logLevel: 'silent',
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(() => localStorage.setItem('yam.displayName', 'Bench'));
    await openRoom(page, `http://127.0.0.1:${server.port}`);
    const times: number[] = [];
    let cells = 0;
    for (let i = 0; i < RUNS; i++) {
      const run = await timeOpen(page);
      times.push(run.ms);
      cells = run.cells;
    }
    const first = times[0] ?? Number.NaN;
    const sorted = [...times].sort((a, b) => a - b);
    return { median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, first, cells };
  } finally {
    await browser.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const generated = await mkdtemp(join(tmpdir(), 'yam-bench-library-'));
try {
  await generatedLibrary(generated);
  const starterCopy = join(generated, '..', `${generated.split('/').pop()}-starter`);
  await cp(STARTER, starterCopy, { recursive: true });
  const baseline = await measure(starterCopy);
  const many = await measure(generated);
  await rm(starterCopy, { recursive: true, force: true });
  const fmt = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`runs: ${RUNS} opens each (median; first open in brackets)`);
  console.log(
    `starter pack (34 stickers):  ${fmt(baseline.median)} [${fmt(baseline.first)}], ${baseline.cells} cells`,
  );
  console.log(
    `generated (${COUNT} stickers): ${fmt(many.median)} [${fmt(many.first)}], ${many.cells} cells`,
  );
  console.log(`ratio ${COUNT}/starter: ${(many.median / baseline.median).toFixed(2)}`);
} finally {
  await rm(generated, { recursive: true, force: true });
}
