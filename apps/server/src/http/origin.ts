import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * Whether a WebSocket upgrade's Origin may connect: none at all (CLI, bots), the same
 * host:port as the request (scheme-insensitive, so a TLS proxy in front does not matter;
 * the Host itself is one of ours, see `ownOrigin`), or one of the configured origins; `*`
 * in the list allows any http(s) origin (Yam apps on other servers). Browsers always send
 * Origin, so this stops other sites from using a visitor's browser against the relay.
 * (Connections authenticate by device signatures, not cookies, so `*` exposes no ambient
 * credentials.)
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

/** One origin of this server: what challenges bind to, and the base of its Room URLs. */
export type OwnOrigin = { origin: string; base: string };

/** Names a development server (no public origin configured) answers to, on its own port. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The origin a request addressed, when it is one of this server's own, else undefined.
 * Never derived from Host alone: Host only picks among the configured public origins
 * (`--public-url`, `--domain`) or, when none is configured, this machine on the port the
 * request came in on (localhost, 127.0.0.1, [::1], or the address the request arrived at).
 * A server that echoed any Host would let another server relay its challenge. [P-AUTH6]
 */
export function ownOrigin(
  req: IncomingMessage,
  publicOrigins: readonly string[],
  publicUrl?: string,
): OwnOrigin | undefined {
  const host = parseHost(req.headers.host);
  if (!host) return undefined;
  if (publicOrigins.length > 0) {
    for (const origin of publicOrigins) {
      const url = new URL(origin);
      if (url.hostname !== host.hostname) continue;
      if ((host.port ?? defaultPort(url.protocol)) !== effectivePort(url)) continue;
      const base = publicUrl && new URL(publicUrl).origin === url.origin ? publicUrl : `${origin}/`;
      return { origin: url.origin, base };
    }
    return undefined;
  }
  const scheme = (req.socket as TLSSocket).encrypted ? 'https:' : 'http:';
  const port = String(req.socket.localPort ?? '');
  if ((host.port ?? defaultPort(scheme)) !== port) return undefined;
  if (!localNames(req).includes(host.hostname)) return undefined;
  const origin = new URL(`${scheme}//${host.hostname}:${port}`).origin;
  return { origin, base: `${origin}/` };
}

/** What a refused request is told: which host(s) this server answers to, and how to add one. */
export function misdirectedText(req: IncomingMessage, publicOrigins: readonly string[]): string {
  const asked = parseHost(req.headers.host)?.hostname;
  const answers =
    publicOrigins.length > 0
      ? publicOrigins.join(', ')
      : localNames(req)
          .map((name) => `http://${name}:${req.socket.localPort}`)
          .join(', ');
  const name = asked ?? '<your host name>';
  return [
    `This Yam server does not answer to ${asked ? `"${req.headers.host}"` : 'a request without a valid Host'}.`,
    `It answers only to: ${answers}.`,
    '',
    `To serve Yam as ${name}, start it with that name, which also gets it an https certificate:`,
    `    ./yam serve --domain ${name.replace(/^\[|\]$/g, '')}`,
    `or put it behind an https reverse proxy and start it with --public-url https://${name}/ (see README).`,
    '',
  ].join('\n');
}

/** Loopback names plus the address this request arrived at (the machine's own). */
function localNames(req: IncomingMessage): string[] {
  const names = [...LOOPBACK_NAMES];
  const address = canonicalAddress(req.socket.localAddress);
  if (address && !names.includes(address)) names.push(address);
  return names;
}

function canonicalAddress(address: string | undefined): string | undefined {
  if (!address || address.includes('%')) return undefined; // zone IDs have no URL form
  const plain = address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
  try {
    return new URL(`http://${plain.includes(':') ? `[${plain}]` : plain}`).hostname;
  } catch {
    return undefined;
  }
}

// A DNS name or IPv4 literal, or a bracketed IPv6 literal, then an optional port: nothing
// that URL parsing could read as userinfo or a path.
const HOST = /^(?:[a-z0-9._~-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i;

/** A Host header's canonical hostname and its explicit port (undefined when implied). */
function parseHost(
  header: string | undefined,
): { hostname: string; port: string | undefined } | undefined {
  const match = header === undefined ? null : HOST.exec(header);
  if (!match) return undefined;
  try {
    const url = new URL(`http://${header}`);
    const port = match[1] === undefined ? undefined : String(Number(match[1]));
    return { hostname: url.hostname.replace(/\.$/, ''), port };
  } catch {
    return undefined;
  }
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

function effectivePort(url: URL): string {
  return url.port || defaultPort(url.protocol);
}
