import { ipKey } from '../net/ip-key.ts';
import { IpSlots } from '../net/ip-slots.ts';
import { AddressMap, canonicalIp } from './address-map.ts';
import type { Allocation } from './allocation.ts';

/** Live allocations by 5-tuple, with the per-client and per-IP counts the quotas need. */
export class AllocationTable {
  readonly #byKey = new Map<string, Allocation>();
  /**
   * UDP allocations by client port, then IP: the ChannelData fast path finds its allocation
   * from the datagram's source without building the 5-tuple key string per packet.
   */
  readonly #udp = new AddressMap<Allocation>();
  /** Live allocations by relayed address (IP in canonical form), for relay-to-relay traffic. */
  readonly #byRelay = new AddressMap<Allocation>();
  readonly #perClient = new Map<string, number>();
  /** Per source IP (IPv6 per /64): identities are free, addresses are not. */
  readonly #perIp = new IpSlots(Number.MAX_SAFE_INTEGER);
  /** Allocations being created (relay socket binding): they count against quotas too. */
  readonly #pending = new Map<string, { clientId: string; ip: string }>();

  get(key: string): Allocation | undefined {
    return this.#byKey.get(key);
  }

  /** The allocation of the UDP client at `ip`:`port` (ip as in `client.remote`). */
  getUdp(ip: string, port: number): Allocation | undefined {
    return this.#udp.get(ip, port);
  }

  /** The live allocation relaying on `ip`:`port` of this server, if any. */
  getRelay(ip: string, port: number): Allocation | undefined {
    return this.#byRelay.get(ip, port);
  }

  isPending(key: string): boolean {
    return this.#pending.has(key);
  }

  get size(): number {
    return this.#byKey.size + this.#pending.size;
  }

  countFor(clientId: string): number {
    return this.#perClient.get(clientId) ?? 0;
  }

  /** Allocations (live and pending) of the source address `ip`, counted per /64 for IPv6. */
  countForIp(ip: string): number {
    return this.#perIp.held(ipKey(ip));
  }

  /** Reserves a slot before the relay socket exists, so concurrent Allocates respect quotas. */
  reserve(key: string, clientId: string, ip: string): void {
    this.#pending.set(key, { clientId, ip: ipKey(ip) });
    this.#perClient.set(clientId, this.countFor(clientId) + 1);
    this.#perIp.take(ipKey(ip));
  }

  /** Turns a reservation into a live allocation, or (without one) releases the slot. */
  settle(key: string, allocation: Allocation | undefined): void {
    const pending = this.#pending.get(key);
    if (pending === undefined) return;
    this.#pending.delete(key);
    if (allocation) {
      this.#byKey.set(key, allocation);
      const relay = allocation.relayAddress;
      this.#byRelay.set(canonicalIp(relay.ip), relay.port, allocation);
      const { protocol, remote } = allocation.client;
      if (protocol === 'udp') this.#udp.set(remote.ip, remote.port, allocation);
    } else this.#release(pending.clientId, pending.ip);
  }

  remove(allocation: Allocation): void {
    if (this.#byKey.get(allocation.client.key) !== allocation) return;
    this.#byKey.delete(allocation.client.key);
    const relay = allocation.relayAddress;
    this.#byRelay.delete(canonicalIp(relay.ip), relay.port);
    const { remote } = allocation.client;
    if (this.#udp.get(remote.ip, remote.port) === allocation)
      this.#udp.delete(remote.ip, remote.port);
    this.#release(allocation.clientId, ipKey(allocation.client.remote.ip));
  }

  all(): Allocation[] {
    return [...this.#byKey.values()];
  }

  #release(clientId: string, ip: string): void {
    this.#perIp.release(ip);
    const left = this.countFor(clientId) - 1;
    if (left > 0) this.#perClient.set(clientId, left);
    else this.#perClient.delete(clientId);
  }
}
