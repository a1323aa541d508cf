/**
 * The web bench: builds the app, prints every chunk's raw/gzip/brotli size and the
 * first-paint set (what index.html loads before the first paint), then loads the app in
 * Debian's Chromium from the real Yam server, cold HTTP cache, 4x CPU slowdown and Fast 3G,
 * and prints first contentful paint and "usable" time (composer enabled), compressed
 * (br/gzip, as served) against identity encoding (the ratio baseline).
 *   ./yam bench --web [--runs 3] [--no-build] [--no-throttle] [--sizes-only]
 * See bench/README.md, section "Web".
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { startServer } from '@yam/server';
import { build } from 'vite';
import { chunkSizes, sizeOf } from './chunk-sizes.ts';
import { firstPaintSet, preloadHints } from './first-paint-set.ts';
import { timedContext, timedLoad } from './paint-timing.ts';
import {
  formatChunks,
  formatFirstPaint,
  formatTimings,
  type ScenarioResult,
} from './web-report.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'no-build': { type: 'boolean' },
    'no-throttle': { type: 'boolean' },
    'sizes-only': { type: 'boolean' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be an integer >= 1');
const throttled = !values['no-throttle'];

const WEB = fileURLToPath(new URL('../../apps/web/', import.meta.url));
const DIST = join(WEB, 'dist');

if (!values['no-build']) {
  console.error('web: building the app (vite build)...');
  await build({ root: WEB, configFile: join(WEB, 'vite.config.ts'), logLevel: 'error' });
}
const chunks = await chunkSizes(DIST);
const firstPaint = await firstPaintSet(DIST);
console.log(formatChunks(chunks, new Set(firstPaint), new Set(await preloadHints(DIST))));
console.log('');
console.log(formatFirstPaint(await Promise.all(firstPaint.map((f) => sizeOf(DIST, f)))));

if (!values['sizes-only']) {
  const dataDir = await mkdtemp(join(tmpdir(), 'yam-bench-web-'));
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    webRoot: DIST,
    logLevel: 'silent',
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const results: ScenarioResult[] = [];
    // A first visit: no rooms yet, the welcome screen ("Create room...") is the usable screen.
    // A return visit: a room this device created reopens; usable = its composer enabled.
    const returning = await timedContext(browser);
    const page = await returning.newPage();
    await createRoom(page, server.url);
    for (const compressed of [true, false]) {
      const first: ScenarioResult = { scenario: 'first visit (welcome)', compressed, runs: [] };
      const back: ScenarioResult = {
        scenario: 'return visit (room, composer)',
        compressed,
        runs: [],
      };
      for (let i = 0; i < runs; i++) {
        const fresh = await timedContext(browser);
        const freshPage = await fresh.newPage();
        (first.runs as unknown[]).push(
          await timedLoad(freshPage, `${server.url}/`, { compressed, throttled }),
        );
        await fresh.close();
        (back.runs as unknown[]).push(
          await timedLoad(page, `${server.url}/`, { compressed, throttled }),
        );
        console.error(`web: ${compressed ? 'compressed' : 'identity'} run ${i + 1}/${runs} done`);
      }
      results.push(first, back);
    }
    console.log('');
    console.log(
      throttled
        ? `Chromium, cold HTTP cache, ${'4x CPU slowdown'}, Fast 3G (562.5 ms latency, 1.44 Mbit/s down); medians`
        : 'Chromium, cold HTTP cache, no throttling; medians',
    );
    console.log(formatTimings(results, throttled));
  } finally {
    await browser.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** "Create room..." on the welcome screen, unthrottled, until the composer is enabled. */
async function createRoom(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: 'Create room...' }).click();
  await page.getByRole('textbox', { name: 'Room name' }).fill('Bench room');
  await page.getByRole('button', { name: 'Create room', exact: true }).click();
  await page.locator('#composer-text:not([disabled])').waitFor({ timeout: 60_000 });
}
