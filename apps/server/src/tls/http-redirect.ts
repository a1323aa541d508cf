import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';

const CHALLENGE_PREFIX = '/.well-known/acme-challenge/';

export type RedirectOptions = {
  /** Where to send people: the configured domain; else the request's own host name. */
  domain: string | undefined;
  /** The https port, read per request (known only once https listens when it was 0). */
  httpsPort: () => number;
  /** The HTTP-01 key authorization for a token, while an ACME order waits on it. */
  challengeResponse?: (token: string) => string | undefined;
};

/**
 * The plain-http listener: answers ACME HTTP-01 challenges and sends everything else to
 * the https origin (301 for GET/HEAD, 308 otherwise so a method and body are kept).
 */
export function createRedirectServer(options: RedirectOptions): Server {
  return createServer((req, res) => handle(req, res, options));
}

function handle(req: IncomingMessage, res: ServerResponse, options: RedirectOptions): void {
  const path = req.url?.startsWith('/') ? req.url : '/';
  if (path.startsWith(CHALLENGE_PREFIX)) {
    const answer = options.challengeResponse?.(path.slice(CHALLENGE_PREFIX.length));
    res.writeHead(answer ? 200 : 404, { 'content-type': 'text/plain' });
    res.end(answer ?? 'no such ACME challenge is pending on this server\n');
    return;
  }
  const host = options.domain ?? hostName(req.headers.host);
  if (!host) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end('this server answers only over https: open it with https:// and its name\n');
    return;
  }
  const authority = isIP(host) === 6 ? `[${host}]` : host;
  const httpsPort = options.httpsPort();
  const port = httpsPort === 443 ? '' : `:${httpsPort}`;
  const status = req.method === 'GET' || req.method === 'HEAD' ? 301 : 308;
  res.writeHead(status, { location: `https://${authority}${port}${path}` });
  res.end();
}

/** The host name of a Host header without its port; undefined when it is not one. */
function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    return new URL(`http://${header}`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
}
