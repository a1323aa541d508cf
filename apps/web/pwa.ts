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
export function pwa() {
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
