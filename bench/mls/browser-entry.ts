/**
 * The browser side of run-chromium.ts: bundled with the scenarios, it exposes one global
 * the runner calls through Playwright (once per crypto path), and reports progress on the
 * console.
 */
import type { MlsRunOptions } from './mls-options.ts';
import { type MlsBenchResult, runMlsScenarios } from './mls-scenarios.ts';

declare global {
  var runMlsBench: (
    options: Omit<MlsRunOptions, 'paths'>,
    path: MlsRunOptions['paths'][number],
  ) => Promise<MlsBenchResult>;
}

globalThis.runMlsBench = (options, path) =>
  runMlsScenarios({ ...options, path, onProgress: (line) => console.log(line) }, chromeVersion());

function chromeVersion(): string {
  const match = /Chrom(?:e|ium)\/([\d.]+)/.exec(navigator.userAgent);
  return match === null ? navigator.userAgent : `Chromium ${match[1]}`;
}
