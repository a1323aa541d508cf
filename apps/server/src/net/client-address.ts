import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { IpAccess } from './ip-access.ts';

/**
 * The reverse proxies whose `X-Forwarded-For` is believed (`--trust-proxy`, CIDR ranges).
 * Empty: none, and every address is the socket's peer.
 */
export class TrustedProxies {
  readonly #list: IpAccess | undefined;

  /** Throws a TypeError naming the entry when one is not an address or CIDR range. */
  constructor(entries: readonly string[] = []) {
    this.#list = entries.length > 0 ? new IpAccess({ allow: entries }) : undefined;
  }

  has(address: string | undefined): boolean {
    return this.#list !== undefined && address !== undefined && this.#list.allows(address);
  }
}

/**
 * The address a request or upgrade came from, for per-IP limits and the IP lists: the
 * socket's peer, unless that peer is a trusted proxy; then the rightmost `X-Forwarded-For`
 * entry that is not itself a trusted proxy. Entries left of it are whatever the client
 * wrote and are never believed. A malformed entry stops the walk at the last trusted hop.
 */
export function clientAddress(req: IncomingMessage, trusted: TrustedProxies): string | undefined {
  const peer = req.socket.remoteAddress;
  if (!trusted.has(peer)) return peer;
  let address = peer;
  for (const entry of forwardedFor(req).reverse()) {
    if (isIP(entry) === 0) return address;
    address = entry;
    if (!trusted.has(entry)) return entry;
  }
  return address;
}

function forwardedFor(req: IncomingMessage): string[] {
  const header = req.headers['x-forwarded-for'];
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
