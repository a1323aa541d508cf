import type { FastifyInstance } from 'fastify';

/**
 * Strict-Transport-Security on every https response: a browser that once reached the
 * server keeps to https for `maxAgeSeconds`, so a network attacker cannot downgrade it to
 * the http port. No includeSubDomains: other names under the domain are not ours to bind.
 */
export function registerHsts(app: FastifyInstance, maxAgeSeconds: number): void {
  const value = `max-age=${maxAgeSeconds}`;
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('Strict-Transport-Security', value);
  });
}
