/** Reconnect delay bounds in milliseconds. */
export type BackoffOptions = { minMs?: number; maxMs?: number };

export const DEFAULT_BACKOFF = { minMs: 500, maxMs: 30_000 } as const;

/**
 * The delay before reconnect attempt `attempt` (0-based): uniform in [lo, hi] where
 * hi = min(maxMs, minMs * 2^(attempt+1)) and lo = max(minMs, hi / 2). The jitter spreads
 * the reconnects of many clients after a server restart; the floor keeps it from
 * hammering a server that closes connections at once.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const minMs = Math.max(0, options.minMs ?? DEFAULT_BACKOFF.minMs);
  const maxMs = Math.max(minMs, options.maxMs ?? DEFAULT_BACKOFF.maxMs);
  // Cap the exponent so huge attempt counts cannot overflow to Infinity.
  const hi = Math.min(maxMs, minMs * 2 ** Math.min(attempt + 1, 40));
  const lo = Math.max(minMs, hi / 2);
  return Math.round(lo + random() * (hi - lo));
}

/** Jittered exponential backoff that counts attempts until `reset()`. */
export class Backoff {
  readonly #options: BackoffOptions;
  readonly #random: () => number;
  #attempt = 0;

  constructor(options: BackoffOptions = {}, random: () => number = Math.random) {
    this.#options = options;
    this.#random = random;
  }

  /** The next delay; each call counts one attempt. */
  next(): number {
    return backoffDelay(this.#attempt++, this.#options, this.#random);
  }

  /** Starts over after a successful connection. */
  reset(): void {
    this.#attempt = 0;
  }

  get attempt(): number {
    return this.#attempt;
  }
}
