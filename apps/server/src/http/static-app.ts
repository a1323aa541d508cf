import { relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Vite names files in assets/ by their content hash: a new build means new names. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, icons, a service worker) is checked on every load. */
const REVALIDATE = 'no-cache';

/**
 * The built web app: brotli or gzip files written at build time (`<file>.br`, `.gz`) chosen
 * by Accept-Encoding with `Vary: Accept-Encoding`, hashed assets cached for good, the rest
 * revalidated. `index: false` because '/' is a route of ours (it may be a Room URL).
 */
export async function registerStaticApp(app: FastifyInstance, webRoot: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webRoot,
    index: false,
    wildcard: true,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      const inAssets = relative(webRoot, path).startsWith(`assets${sep}`);
      reply.header('Cache-Control', inAssets ? IMMUTABLE : REVALIDATE);
    },
  });
}
