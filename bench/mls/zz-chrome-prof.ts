import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import type {} from './browser-entry.ts';
import { serveStatic } from './static-server.ts';

const dir = await mkdtemp(join(tmpdir(), 'yam-prof-'));
await build({
  configFile: false,
  logLevel: 'warn',
  root: import.meta.dirname,
  build: {
    outDir: dir,
    emptyOutDir: true,
    minify: false,
    target: 'es2023',
    rolldownOptions: { external: ['crypto'] },
    lib: {
      entry: join(import.meta.dirname, 'browser-entry.ts'),
      formats: ['es'],
      fileName: () => 'mls-bench.js',
    },
  },
});
const server = await serveStatic(
  dir,
  '<!doctype html><meta charset="utf-8"><script type="module" src="/mls-bench.js"></script>',
);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const page = await browser.newPage();
page.on('console', (m) => console.log(m.text()));
await page.goto(server.url);
await page.waitForFunction(() => typeof globalThis.runMlsBench === 'function');
const path = (process.argv[2] ?? 'web-crypto') as 'web-crypto';
const sizes = [Number(process.argv[3] ?? 2)];
await page.evaluate(
  ([p]) => globalThis.runMlsBench({ sizes: [2], messages: 100, payloadBytes: 100, reps: 1 }, p),
  [path] as const,
);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const r = await page.evaluate(
  ([p, s]) => globalThis.runMlsBench({ sizes: s, messages: 2000, payloadBytes: 100, reps: 1 }, p),
  [path, sizes] as const,
);
const { profile } = await cdp.send('Profiler.stop');
await writeFile('/tmp/speed-cprof/x.cpuprofile', JSON.stringify(profile));
console.log(JSON.stringify(r.sizes.map((s) => [s.members, s.add, s.messages])));
await browser.close();
await server.close();
