import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin, PluginOption } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** The app's colours (app.css `--bg`, `--accent`), so the installed window matches the page. */
const BACKGROUND = '#f6f1ea';
const THEME = '#b4532a';

/**
 * The installable app: the web manifest and the service worker
 * (`src/platform/sw/worker/sw.ts`, built by Workbox's injectManifest with the app shell's
 * precache list). It registers from the app (`platform/sw/register-sw.ts`), never by an
 * inline script (the CSP has no 'unsafe-inline'), and waits for "Reload to update".
 */
export function pwa(): PluginOption[] {
  return [worker(), compressWorker()];
}

function worker() {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src/platform/sw/worker',
    filename: 'sw.ts',
    injectRegister: false,
    registerType: 'prompt',
    manifestFilename: 'manifest.webmanifest',
    includeAssets: ['yam.svg', 'apple-touch-icon.png'],
    manifest: {
      id: './',
      name: 'Yam',
      short_name: 'Yam',
      description: 'Private group chat in your browser.',
      start_url: './',
      scope: './',
      display: 'standalone',
      background_color: BACKGROUND,
      theme_color: THEME,
      icons: [
        { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'yam.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    injectManifest: {
      // The whole shell, so a reload offline still starts the app; the big optional chunks
      // (emoji data, Markdown) are precached too: offline they are needed just the same.
      globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      rollupFormat: 'iife',
    },
    devOptions: { enabled: false },
  });
}

/**
 * `sw.js.br` and `sw.js.gz` next to the worker, written after vite-plugin-pwa has built it
 * and injected its precache list (the app's own precompress step runs before that).
 */
function compressWorker(): Plugin {
  let file = '';
  return {
    name: 'yam-compress-worker',
    apply: 'build',
    configResolved(config) {
      file = resolve(config.root, config.build.outDir, 'sw.js');
    },
    closeBundle: {
      sequential: true,
      order: 'post',
      async handler() {
        const raw = await readFile(file);
        const br = await promisify(brotliCompress)(raw, {
          params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
        });
        await writeFile(`${file}.br`, br);
        await writeFile(`${file}.gz`, await promisify(gzip)(raw, { level: 9 }));
      },
    },
  };
}
