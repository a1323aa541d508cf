import type { Allocation } from './allocation.ts';

/** Live allocations by 5-tuple, with the per-client counts the quotas need. */
export class AllocationTable {
  readonly #byKey = new Map<string, Allocation>();
  readonly #perClient = new Map<string, number>();
  /** Allocations being created (relay socket binding): they count against quotas too. */
  readonly #pending = new Map<string, string>();

  get(key: string): Allocation | undefined {
    return this.#byKey.get(key);
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

  /** Reserves a slot before the relay socket exists, so concurrent Allocates respect quotas. */
  reserve(key: string, clientId: string): void {
    this.#pending.set(key, clientId);
    this.#perClient.set(clientId, this.countFor(clientId) + 1);
  }

  /** Turns a reservation into a live allocation, or (without one) releases the slot. */
  settle(key: string, allocation: Allocation | undefined): void {
    const clientId = this.#pending.get(key);
    if (clientId === undefined) return;
    this.#pending.delete(key);
    if (allocation) this.#byKey.set(key, allocation);
    else this.#release(clientId);
  }

  remove(allocation: Allocation): void {
    if (this.#byKey.get(allocation.client.key) !== allocation) return;
    this.#byKey.delete(allocation.client.key);
    this.#release(allocation.clientId);
  }

  all(): Allocation[] {
    return [...this.#byKey.values()];
  }

  #release(clientId: string): void {
    const left = this.countFor(clientId) - 1;
    if (left > 0) this.#perClient.set(clientId, left);
    else this.#perClient.delete(clientId);
  }
}
