import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** `allow`/`deny`: CIDR ranges or single addresses ("203.0.113.0/24", "2001:db8::/32", "::1"). */
export type IpAccessOptions = { allow?: readonly string[]; deny?: readonly string[] };

/**
 * The operator's allow and deny lists, for the web app, the WebSocket and TURN alike. A
 * denied address is refused; with an allow list, so is every address not on it. Deny wins.
 */
export class IpAccess {
  readonly #allow: Lists | undefined;
  readonly #deny: Lists;

  /** Throws a TypeError naming the entry when one is not an address or CIDR range. */
  constructor(options: IpAccessOptions = {}) {
    this.#allow = options.allow?.length ? lists(options.allow) : undefined;
    this.#deny = lists(options.deny ?? []);
  }

  /** Whether anything is configured at all (no lists: everyone passes, nothing to check). */
  get isOpen(): boolean {
    return this.#allow === undefined && this.#deny.empty;
  }

  allows(address: string | undefined): boolean {
    if (this.isOpen) return true;
    const ip = unmap(address ?? '');
    if (matches(this.#deny, ip)) return false;
    return this.#allow === undefined || matches(this.#allow, ip);
  }
}

// One list per family: Node's BlockList matches IPv4 against IPv4-mapped IPv6 rules.
type Lists = { v4: BlockList; v6: BlockList; empty: boolean };

function lists(entries: readonly string[]): Lists {
  const out: Lists = { v4: new BlockList(), v6: new BlockList(), empty: entries.length === 0 };
  for (const entry of entries) {
    const [net = '', prefixText] = entry.trim().split('/');
    const family = isIPv4(net) ? 'ipv4' : isIPv6(net) ? 'ipv6' : undefined;
    const max = family === 'ipv4' ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      throw new TypeError(`"${entry}" is not an IP address or CIDR range`);
    }
    (family === 'ipv4' ? out.v4 : out.v6).addSubnet(net, prefix, family);
  }
  return out;
}

function matches(list: Lists, ip: string): boolean {
  if (isIPv4(ip)) return list.v4.check(ip, 'ipv4');
  if (isIPv6(ip)) return list.v6.check(ip, 'ipv6');
  return false;
}

function unmap(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}
