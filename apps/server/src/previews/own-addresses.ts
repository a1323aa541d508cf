import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { ServerConfig } from '../config.ts';

/**
 * The names and addresses this server is reached by (public URL, domain, TURN host, listen
 * address): a preview must never fetch the server itself through its public address,
 * which a NAT may keep off its interfaces.
 */
export async function ownAddresses(config: ServerConfig): Promise<string[]> {
  const names = new Set<string>();
  const add = (host: string | undefined) => {
    if (!host) return;
    const bare = host.startsWith('[') ? host.slice(1, -1) : host;
    if (bare && bare !== '0.0.0.0' && bare !== '::') names.add(bare);
  };
  if (config.publicUrl) add(new URL(config.publicUrl).hostname);
  add(config.tls?.domain);
  add(config.turn?.publicHost);
  add(config.host);
  const found = await Promise.all(
    [...names].map(async (name) =>
      isIP(name)
        ? [name]
        : (await lookup(name, { all: true }).catch(() => [])).map((a) => a.address),
    ),
  );
  return found.flat();
}
