import { bytesToIp, ipToBytes } from '../net/ip-bytes.ts';

/**
 * A map keyed by (ip, port) without building a key string: per-packet lookups on the relay
 * path use it, where concatenating and hashing `ip|port` for every datagram shows in profiles.
 */
export class AddressMap<T> {
  readonly #byPort = new Map<number, Map<string, T>>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  get(ip: string, port: number): T | undefined {
    return this.#byPort.get(port)?.get(ip);
  }

  set(ip: string, port: number, value: T): void {
    let byIp = this.#byPort.get(port);
    if (!byIp) {
      byIp = new Map();
      this.#byPort.set(port, byIp);
    }
    if (!byIp.has(ip)) this.#size++;
    byIp.set(ip, value);
  }

  delete(ip: string, port: number): boolean {
    const byIp = this.#byPort.get(port);
    if (!byIp?.delete(ip)) return false;
    if (byIp.size === 0) this.#byPort.delete(port);
    this.#size--;
    return true;
  }
}

/** The form decodeXorAddress gives, so a peer address from a request matches a relay address. */
export function canonicalIp(ip: string): string {
  const bytes = ipToBytes(ip);
  return bytes ? bytesToIp(bytes) : ip;
}
