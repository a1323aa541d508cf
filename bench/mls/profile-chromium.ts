/**
 * CPU profile of MLS messages in Debian's Chromium: a group of N, one member encrypts the
 * messages and another decrypts them (as in the bench), profiled through CDP while only
 * that runs; prints where the self time went (by source file and by function) and writes
 * the raw .cpuprofile (open it in Chromium's DevTools, Performance panel). Self time of
 * `profileMlsMessages` itself (two plain loops) is the main thread waiting between
 * samples for Web Crypto results: every sign, verify, importKey, encrypt and decrypt is a
 * round trip to Chromium's crypto thread, and ts-mls awaits each in turn.
 *   node bench/mls/profile-chromium.ts [--members 200 --messages 1000 --size 100]
 *     [--paths web-crypto,pure-js] [--out /tmp/mls] [--top 25]
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import {
  type CpuProfile,
  formatShares,
  sourceMapLookup,
  summarise,
} from './cpu-profile-summary.ts';
import { MLS_PATHS } from './mls-options.ts';
// The page's global `profileMlsMessages` (declared there), for the calls through Playwright.
import type {} from './profile-entry.ts';
import { bundle, CHROMIUM_ARGS, CHROMIUM_PATH } from './run-chromium.ts';
import { serveStatic } from './static-server.ts';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '200' },
    messages: { type: 'string', default: '1000' },
    size: { type: 'string', default: '100' },
    paths: { type: 'string', default: MLS_PATHS.join(',') },
    out: { type: 'string', default: join(tmpdir(), 'yam-mls-profile') },
    top: { type: 'string', default: '25' },
  },
});
const members = Number(values.members);
const messages = Number(values.messages);
const size = Number(values.size);
const top = Number(values.top);
const paths = values.paths.split(',').map((raw) => {
  const path = MLS_PATHS.find((p) => p === raw.trim());
  if (path === undefined) throw new Error(`--paths takes ${MLS_PATHS.join(', ')}`);
  return path;
});

const dir = await mkdtemp(join(tmpdir(), 'yam-mls-profile-'));
try {
  await bundle(dir, 'profile-entry.ts', 'mls-profile.js', true);
  const sourceOf = sourceMapLookup(await readFile(join(dir, 'mls-profile.js.map'), 'utf8'));
  const server = await serveStatic(
    dir,
    '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">' +
      '<script type="module" src="/mls-profile.js"></script>',
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    const profiles: CpuProfile[] = [];
    let arrived: (() => void) | undefined;
    cdp.on('Profiler.consoleProfileFinished', (event) => {
      profiles.push(event.profile as CpuProfile);
      arrived?.();
    });
    // The profile event can come after the page's promise settles.
    const nextProfile = async (): Promise<CpuProfile> => {
      if (profiles.length === 0) await new Promise<void>((resolve) => (arrived = resolve));
      return profiles.shift()!;
    };
    await page.goto(server.url);
    await page.waitForFunction(() => typeof globalThis.profileMlsMessages === 'function');
    for (const path of paths) {
      const result = await page.evaluate(
        ([n, m, s, p]) => globalThis.profileMlsMessages(n, m, s, p),
        [members, messages, size, path] as const,
      );
      const profile = await nextProfile();
      const file = `${values.out}-${path}-${members}.cpuprofile`;
      await writeFile(file, JSON.stringify(profile));
      const summary = summarise(profile, sourceOf);
      const rate = (1000 * messages) / (result.encryptMs + result.decryptMs);
      console.log(
        `\n${result.path}, N=${members}: encrypt ${result.encryptMs.toFixed(0)} ms, ` +
          `decrypt ${result.decryptMs.toFixed(0)} ms (${rate.toFixed(0)} msg/s); ` +
          `profiled ${summary.total.toFixed(0)} ms, written to ${file}`,
      );
      console.log(formatShares('by source (self time)', summary.bySource, top));
      console.log(formatShares('by function (self time)', summary.byFunction, top));
    }
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
