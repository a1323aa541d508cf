import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config.ts';
import { misdirectedText, ownOrigin } from './origin.ts';

/**
 * Answers 421 Misdirected Request, in words, to any request whose Host is not one of this
 * server's origins; /healthz stays open to load balancers and probes that dial by address.
 * [P-AUTH6]
 */
export function registerHostCheck(app: FastifyInstance, config: ServerConfig): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.url === '/healthz') return;
    if (ownOrigin(request.raw, config.publicOrigins, config.publicUrl)) return;
    return reply
      .code(421)
      .type('text/plain; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .send(misdirectedText(request.raw, config.publicOrigins));
  });
}
