/**
 * Client-side frame pacing. The server closes a connection that exceeds its rate
 * (RATE_LIMITED is fatal, [P-LIM4]), so the client stays a little below it instead of
 * finding the limit by being disconnected.
 */
export class TokenBucket {
  #ratePerMs: number;
  #burst: number;
  readonly #now: () => number;
  #tokens: number;
  #last: number;

  constructor(ratePerSec: number, burst: number, now: () => number = Date.now) {
    this.#ratePerMs = ratePerSec / 1000;
    this.#burst = burst;
    this.#now = now;
    this.#tokens = burst;
    this.#last = now();
  }

  /** Reserves one token; returns how many ms to wait before using it (0: now). */
  take(): number {
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#last) * this.#ratePerMs);
    this.#last = now;
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : Math.ceil(-this.#tokens / this.#ratePerMs);
  }

  /**
   * Halves rate and burst (down to 1 frame per second): the server said RATE_LIMITED, so
   * its limit, or the share this client gets of a per-IP limit, is lower than assumed.
   */
  slowDown(): void {
    this.#ratePerMs = Math.max(1 / 1000, this.#ratePerMs / 2);
    this.#burst = Math.max(1, Math.floor(this.#burst / 2));
    this.#tokens = Math.min(this.#tokens, this.#burst);
  }
}
