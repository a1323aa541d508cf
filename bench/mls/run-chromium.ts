/**
 * The MLS scenarios in Debian's Chromium: bundles browser-entry.ts with `vite build`
 * (library mode), serves it on 127.0.0.1 from a temp dir, runs it headless via Playwright
 * and prints the table.
 *   node bench/mls/run-chromium.ts [--sizes 2,20,200 --messages 1000 --size 100 --reps 3]
 *     [--paths web-crypto,pure-js] [--json]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { build } from 'vite';
// The page's global `runMlsBench` (declared there), for the calls through Playwright.
import type {} from './browser-entry.ts';
import { MLS_FLAGS, type MlsRunOptions, mlsOptionsFrom } from './mls-options.ts';
import { formatMlsTable } from './mls-report.ts';
import type { MlsBenchResult } from './mls-scenarios.ts';
import { serveStatic } from './static-server.ts';

/** Where the system Chromium lives (never a downloaded browser). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const PAGE =
  '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">' +
  '<script type="module" src="/mls-bench.js"></script>';

/** Bundles `entry` (next to this file) for the browser into `outDir` as `fileName`. */
export async function bundle(
  outDir: string,
  entry = 'browser-entry.ts',
  fileName = 'mls-bench.js',
  sourcemap = false,
): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: import.meta.dirname,
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      sourcemap,
      target: 'es2023',
      // @hpke/common falls back to Node's `crypto` only when globalThis.crypto is missing,
      // which a browser never hits: keep the import out of the bundle, without a warning.
      rolldownOptions: { external: ['crypto'] },
      lib: {
        entry: join(import.meta.dirname, entry),
        formats: ['es'],
        fileName: () => fileName,
      },
    },
  });
}

/** Runs the scenarios in a fresh headless Chromium; the temp dir and server go afterwards. */
export async function runMlsInChromium(
  options: MlsRunOptions,
  onProgress?: (line: string) => void,
): Promise<MlsBenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'yam-mls-bench-'));
  try {
    await bundle(dir);
    const server = await serveStatic(dir, PAGE);
    try {
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      try {
        const page = await browser.newPage();
        page.on('console', (msg) => onProgress?.(msg.text()));
        const errors: string[] = [];
        page.on('pageerror', (err) => errors.push(String(err)));
        await page.goto(server.url);
        await page.waitForFunction(() => typeof globalThis.runMlsBench === 'function', null, {
          timeout: 30_000,
        });
        if (errors.length > 0) throw new Error(`page error: ${errors.join('; ')}`);
        const results: MlsBenchResult[] = [];
        const { paths, ...rest } = options;
        for (const path of paths) {
          results.push(
            await page.evaluate(([o, p]) => globalThis.runMlsBench(o, p), [rest, path] as const),
          );
        }
        return results;
      } finally {
        await browser.close();
      }
    } finally {
      await server.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { ...MLS_FLAGS, json: { type: 'boolean' } } });
  const results = await runMlsInChromium(mlsOptionsFrom(values), (line) =>
    console.error(`chromium: ${line}`),
  );
  console.log(values.json ? JSON.stringify(results, null, 2) : formatMlsTable(results));
}
