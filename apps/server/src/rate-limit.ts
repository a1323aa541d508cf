/**
 * A token bucket: `burst` frames at once, refilled at `ratePerSec`. take() returns 0 when
 * a token was taken, else the ms until one is available. [P-LIM4]
 */
export class TokenBucket {
  readonly #rate: number;
  readonly #burst: number;
  #tokens: number;
  #last: number;

  constructor(ratePerSec: number, burst: number, now = Date.now()) {
    this.#rate = ratePerSec / 1000;
    this.#burst = burst;
    this.#tokens = burst;
    this.#last = now;
  }

  take(now = Date.now()): number {
    this.#refill(now);
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.#tokens) / this.#rate));
  }

  /** Whether the bucket is full, i.e. forgetting it changes nothing. */
  isFull(now = Date.now()): boolean {
    this.#refill(now);
    return this.#tokens >= this.#burst;
  }

  #refill(now: number): void {
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#last) * this.#rate);
    this.#last = now;
  }
}

/** One bucket per IP address, shared by all its connections; idle full buckets are dropped. */
export class IpRateLimiter {
  readonly #buckets = new Map<string, { bucket: TokenBucket; connections: number }>();
  readonly #rate: number;
  readonly #burst: number;

  constructor(ratePerSec: number, burst: number) {
    this.#rate = ratePerSec;
    this.#burst = burst;
  }

  attach(ip: string): void {
    let entry = this.#buckets.get(ip);
    if (!entry) {
      entry = { bucket: new TokenBucket(this.#rate, this.#burst), connections: 0 };
      this.#buckets.set(ip, entry);
    }
    entry.connections++;
  }

  detach(ip: string): void {
    const entry = this.#buckets.get(ip);
    if (!entry) return;
    entry.connections--;
    // Keep a drained bucket so reconnecting does not reset the limit.
    if (entry.connections <= 0 && entry.bucket.isFull()) this.#buckets.delete(ip);
  }

  take(ip: string): number {
    return this.#buckets.get(ip)?.bucket.take() ?? 0;
  }

  /** Drops buckets of IPs with no connections that have refilled; call now and then. */
  sweep(): void {
    for (const [ip, entry] of this.#buckets) {
      if (entry.connections <= 0 && entry.bucket.isFull()) this.#buckets.delete(ip);
    }
  }
}

/** One bucket per key (e.g. a client ID), made on first use; refilled ones are dropped by sweep(). */
export class KeyedRateLimiter {
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #rate: number;
  readonly #burst: number;

  constructor(ratePerSec: number, burst: number) {
    this.#rate = ratePerSec;
    this.#burst = burst;
  }

  /** 0 when a token was taken, else the ms until one is available. */
  take(key: string): number {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.#rate, this.#burst);
      this.#buckets.set(key, bucket);
    }
    return bucket.take();
  }

  sweep(): void {
    for (const [key, bucket] of this.#buckets) if (bucket.isFull()) this.#buckets.delete(key);
  }
}
