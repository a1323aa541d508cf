/**
 * What the service worker costs: bytes on a first load of the app with the worker
 * (it precaches the shell) against the same load with service workers blocked (the
 * baseline, same run), and the worker's start time on a later load (Navigation Timing:
 * `fetchStart - workerStart` after the worker was stopped). Needs `npm run build -w @yam/web`.
 *
 *   node bench/pwa/first-load.ts [--runs 5]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type BrowserContext, chromium } from '@playwright/test';
import { startServer } from '@yam/server';

const WEB_ROOT = new URL('../../apps/web/dist', import.meta.url).pathname;
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);

const dataDir = await mkdtemp(join(tmpdir(), 'yam-bench-pwa-'));
const server = await startServer({
  host: '127.0.0.1',
  port: 0,
  dataDir,
  webRoot: WEB_ROOT,
  logLevel: 'silent',
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});

/** Bytes received (headers + bodies, as sent: compressed) until the page settles. */
async function firstLoadBytes(withWorker: boolean): Promise<number> {
  const context = await browser.newContext({ serviceWorkers: withWorker ? 'allow' : 'block' });
  let bytes = 0;
  const pending: Promise<void>[] = [];
  context.on('requestfinished', (request) => {
    pending.push(
      request.sizes().then((s) => {
        bytes += s.responseHeadersSize + s.responseBodySize;
      }),
    );
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.getByRole('button', { name: 'Profile' }).waitFor();
  if (withWorker) {
    // Installed and activated: the precache is complete.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
  }
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  await context.close();
  return bytes;
}

/** Start time of a stopped worker, measured by the navigation it answers. */
async function workerStartMs(context: BrowserContext): Promise<number> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.goto(`${server.url}/`);
  const ms = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return nav.workerStart > 0 ? nav.fetchStart - nav.workerStart : Number.NaN;
  });
  await page.close();
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const withSw: number[] = [];
const without: number[] = [];
for (let i = 0; i < runs; i++) {
  without.push(await firstLoadBytes(false));
  withSw.push(await firstLoadBytes(true));
}
const context = await browser.newContext();
const warm = await context.newPage();
await warm.goto(`${server.url}/`);
await warm.evaluate(async () => {
  await navigator.serviceWorker.ready;
});
await warm.close();
const starts: number[] = [];
for (let i = 0; i < runs; i++) starts.push(await workerStartMs(context));
await context.close();

/** The worker script as a browser fetches it (brotli): not in the page's request events. */
const workerScriptBytes = await new Promise<number>((resolve, reject) => {
  get(`${server.url}/sw.js`, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
    let n = 0;
    res.on('data', (chunk: Buffer) => {
      n += chunk.length;
    });
    res.on('end', () => resolve(n));
  }).on('error', reject);
});

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`first load, service workers blocked (baseline): ${kb(median(without))}`);
console.log(`first load, with the service worker:            ${kb(median(withSw))}`);
console.log(
  `the worker adds: ${kb(median(withSw) - median(without))} (ratio ${(median(withSw) / median(without)).toFixed(2)}x)`,
);
console.log(`plus the worker script itself (brotli): ${kb(workerScriptBytes)}`);
console.log(
  `worker start (stopped -> answering a navigation), median of ${runs}: ${median(starts).toFixed(1)} ms`,
);
await browser.close();
await server.close();
await rm(dataDir, { recursive: true, force: true });
