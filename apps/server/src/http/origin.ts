import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * Whether a WebSocket upgrade's Origin may connect: none at all (CLI, bots), the same
 * host:port as the request (scheme-insensitive, so a TLS proxy in front does not matter),
 * or one of the configured origins; `*` in the list allows any http(s) origin (Yam apps on
 * other servers). Browsers always send Origin, so this stops other sites from using a
 * visitor's browser against the relay. (Connections authenticate by device signatures,
 * not cookies, so `*` exposes no ambient credentials.)
 */
export function isAllowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes the opaque origin "null"
  }
  if (host !== undefined && url.host.toLowerCase() === host.toLowerCase()) return true;
  if (allowedOrigins.includes('*')) return url.protocol === 'http:' || url.protocol === 'https:';
  return allowedOrigins.includes(url.origin);
}

/**
 * This server's http(s) origin as seen by a request: the configured public URL, else the
 * Host header with the scheme of the socket. [P-AUTH3]
 */
export function requestOrigin(req: IncomingMessage, publicUrl: string | undefined): string {
  if (publicUrl) return new URL(publicUrl).origin;
  const scheme = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  const host = req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`;
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return `${scheme}://localhost`;
  }
}

/** The base URL Room URLs are built on: the public URL, else this request's origin + '/'. */
export function publicBase(req: IncomingMessage, publicUrl: string | undefined): string {
  return publicUrl ?? `${requestOrigin(req, undefined)}/`;
}
