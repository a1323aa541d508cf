import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { AddressFilter } from '../net/address-filter.ts';
import { refused } from './preview-error.ts';

/** A URL the fetcher may open, with the one address it will connect to. */
export type PreviewTarget = { url: URL; address: string; family: 4 | 6 };

/** Resolves host names; tests swap it to point a public-looking name anywhere. */
export type Resolver = (host: string) => Promise<Array<{ address: string; family: number }>>;

export const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * Checks a URL as text: http(s) only, no user name or password, the scheme's own port
 * (80 or 443) unless `anyPort` (tests on loopback). Throws PREVIEW_REFUSED. [P-PREV2]
 */
export function parsePreviewUrl(text: string, anyPort = false): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refused('that is not a web address');
  }
  const defaultPort = DEFAULT_PORT[url.protocol];
  if (!defaultPort) throw refused('only http and https links get a preview');
  if (url.username || url.password)
    throw refused('links with a user name or password get no preview');
  if (!anyPort && url.port !== '' && url.port !== defaultPort) {
    throw refused('only links on the usual web ports (80, 443) get a preview');
  }
  if (!url.hostname) throw refused('that link has no host');
  url.hash = '';
  return url;
}

/**
 * Resolves the URL's host once and checks every address it has; one private address is
 * enough to refuse (a name cannot mix a public and an internal answer to slip through).
 * The caller connects to the returned address only: no second lookup. [P-PREV2]
 */
export async function resolveTarget(
  url: URL,
  filter: AddressFilter,
  resolve: Resolver,
): Promise<PreviewTarget> {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      throw refused('that site’s name does not resolve');
    }
  }
  const first = addresses[0];
  if (!first) throw refused('that site’s name does not resolve');
  for (const { address } of addresses) {
    if (!filter.isAllowed(address)) throw refused('that link points into a private network');
  }
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
