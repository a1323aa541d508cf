import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';
import { preloadApp } from './preload-app.ts';
import { pwa } from './pwa.ts';

// The server's CSP is `script-src 'self'; style-src 'self'`: the build must emit only
// external scripts and stylesheets (Vite does; nothing here inlines them).
// The server answers only to its own origins: run it with `--public-url http://localhost:5173`
// so the proxied requests (Host: localhost:5173) are its own.
const devServer = process.env.YAM_DEV_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  // main.tsx paints the shell and imports the app (app/boot.tsx) lazily; preloadApp hints
  // the browser to fetch the app beside the shell (see ARCHITECTURE.md, "Lazy loading").
  plugins: [preact(), preloadApp('boot'), pwa(), precompress()],
  // Relative URLs, so the app also works when served under a path prefix.
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Inlined assets become data: URLs, which the CSP's default-src may refuse.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/ws': { target: devServer, ws: true },
      '/healthz': { target: devServer },
    },
  },
});
