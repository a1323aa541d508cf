/**
 * Counts what each IP key holds (open sockets, unauthenticated sockets, TURN allocations)
 * against a cap. take() says whether one more fits; release() gives one back.
 */
export class IpSlots {
  readonly #held = new Map<string, number>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  /** Takes one slot for `key`; false (nothing taken) when the key is at its cap. */
  take(key: string): boolean {
    const held = this.#held.get(key) ?? 0;
    if (held >= this.#max) return false;
    this.#held.set(key, held + 1);
    return true;
  }

  release(key: string): void {
    const held = this.#held.get(key) ?? 0;
    if (held <= 1) this.#held.delete(key);
    else this.#held.set(key, held - 1);
  }

  held(key: string): number {
    return this.#held.get(key) ?? 0;
  }
}
