import { parseRoomId } from '@yam/protocol';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config.ts';
import { ownOrigin } from './origin.ts';
import { roomRedirectLocation } from './room-redirect.ts';
import { registerStaticApp } from './static-app.ts';

const NOT_BUILT_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Yam</title></head>' +
  '<body><p>Yam server running; the web app is not built.</p></body></html>';

/** /healthz, the Room URL redirect on '/', and the web app's static files. */
export async function registerRoutes(
  app: FastifyInstance,
  config: ServerConfig,
  isShuttingDown: () => boolean,
): Promise<void> {
  app.get('/healthz', async (_request, reply) => {
    if (isShuttingDown()) return reply.code(503).send({ ok: false });
    return { ok: true };
  });

  if (config.webRoot) await registerStaticApp(app, config.webRoot);

  app.get('/', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const room = parseRoomId(query.room);
    if (room) {
      // The host check let only our own origins this far. [P-AUTH6]
      const own = ownOrigin(request.raw, config.publicOrigins, config.publicUrl);
      if (!own) return reply.code(421).send();
      const base = own.base;
      const name = typeof query.name === 'string' && query.name !== '' ? query.name : undefined;
      return reply.redirect(roomRedirectLocation(config.appUrl ?? base, base, room, name), 302);
    }
    // Not a room ID (the app itself receives the full Room URL here): serve the app.
    if (config.webRoot) return reply.sendFile('index.html');
    return reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
  });
}
