import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { createServer, type Server as HttpsServer } from 'node:https';
import type { LiveCertificate } from './live-certificate.ts';

/**
 * A Fastify `serverFactory` for https with the live certificate: each swap goes to
 * `setSecureContext`, so renewals and file reloads need no restart. Fastify types its raw
 * server as http.Server; https.Server serves the same request API.
 */
export function httpsServerFactory(live: LiveCertificate): (handler: RequestListener) => Server {
  return (handler) => {
    const server: HttpsServer = createServer(
      { ...live.current, handshakeTimeout: 10_000 },
      handler as RequestListener<typeof IncomingMessage, typeof ServerResponse>,
    );
    const unsubscribe = live.onSwap((pair) => server.setSecureContext(pair));
    server.once('close', unsubscribe);
    return server as unknown as Server;
  };
}
