import { TokenBucket } from '../rate-limit.ts';

/** Past this many tracked IPs the table is reset rather than grown (a spoofed-source flood). */
const MAX_TRACKED_IPS = 100_000;

/**
 * STUN requests per source IP (token buckets). Each unauthenticated request costs an HMAC and
 * earns a larger answer, so a flood (possibly from spoofed sources) is dropped early.
 */
export class RequestLimiter {
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #rate: number;
  readonly #burst: number;

  constructor(ratePerSec: number, burst = ratePerSec * 2) {
    this.#rate = ratePerSec;
    this.#burst = burst;
  }

  /** Whether a request from `ip` may be handled now. */
  allow(ip: string, now = Date.now()): boolean {
    let bucket = this.#buckets.get(ip);
    if (!bucket) {
      if (this.#buckets.size >= MAX_TRACKED_IPS) this.#buckets.clear();
      bucket = new TokenBucket(this.#rate, this.#burst, now);
      this.#buckets.set(ip, bucket);
    }
    return bucket.take(now) === 0;
  }

  /** Forgets IPs whose buckets have refilled; called now and then. */
  sweep(now = Date.now()): void {
    for (const [ip, bucket] of this.#buckets) if (bucket.isFull(now)) this.#buckets.delete(ip);
  }
}
