import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { networkInterfaces } from 'node:os';
import { bytesToIp, ipToBytes } from './ip-bytes.ts';

/**
 * Ranges the server must never reach for a stranger (TURN relays, link-preview fetches):
 * they would let anyone probe the server's own networks.
 */
const DENIED_V4: ReadonlyArray<[string, number]> = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, incl. broadcast 255.255.255.255
];
const DENIED_V6: ReadonlyArray<[string, number]> = [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96], // IPv4-mapped: would bypass the IPv4 list
  ['::ffff:0:0:0', 96], // IPv4-translated (SIIT), same reason
  ['::', 96], // IPv4-compatible (deprecated), same reason
  ['64:ff9b::', 96], // NAT64 could reach private IPv4
  ['64:ff9b:1::', 48],
  ['2002::', 16], // 6to4 embeds arbitrary IPv4
  ['2001::', 32], // Teredo embeds arbitrary IPv4 too
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

export type AddressFilterOptions = {
  /** Tests only: permit 127.0.0.0/8 (nothing else). */
  allowLoopback?: boolean;
  /** Addresses of this server besides its interfaces (relay and listen addresses). */
  ownAddresses?: string[];
};

/**
 * Decides whether the server may connect to an IP on someone else's behalf: a TURN peer
 * (CreatePermission, ChannelBind, Send) or a link-preview fetch.
 */
export class AddressFilter {
  // One list per family: Node's BlockList matches IPv4 addresses against IPv4-mapped IPv6
  // rules, so ::ffff:0:0/96 in a shared list would deny every IPv4 peer.
  readonly #deniedV4 = new BlockList();
  readonly #deniedV6 = new BlockList();
  readonly #own = new Set<string>();
  readonly #allowLoopback: boolean;

  constructor(options: AddressFilterOptions = {}) {
    this.#allowLoopback = options.allowLoopback === true;
    for (const [net, prefix] of DENIED_V4) this.#deniedV4.addSubnet(net, prefix, 'ipv4');
    for (const [net, prefix] of DENIED_V6) this.#deniedV6.addSubnet(net, prefix, 'ipv6');
    const interfaces = Object.values(networkInterfaces()).flat();
    for (const info of interfaces) if (info) this.#own.add(canonical(info.address));
    for (const ip of options.ownAddresses ?? []) this.#own.add(canonical(ip));
  }

  /** Adds an address of this server learnt later (the resolved public TURN host). */
  addOwn(ip: string): void {
    this.#own.add(canonical(ip));
  }

  isAllowed(ip: string): boolean {
    const family = isIPv4(ip) ? 'ipv4' : isIPv6(ip) ? 'ipv6' : undefined;
    if (!family) return false;
    if (this.#allowLoopback && family === 'ipv4' && ip.startsWith('127.')) return true;
    if (this.#own.has(canonical(ip))) return false;
    return family === 'ipv4'
      ? !this.#deniedV4.check(ip, 'ipv4')
      : !this.#deniedV6.check(ip, 'ipv6');
  }
}

function canonical(ip: string): string {
  const bytes = ipToBytes(ip);
  return bytes ? bytesToIp(bytes) : ip;
}
