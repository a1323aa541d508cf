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

  take(now = Date.now(), cost = 1): number {
    this.#refill(now);
    // A cost above the burst could never be paid: it needs a full bucket instead.
    const need = Math.min(cost, this.#burst);
    if (this.#tokens >= need) {
      this.#tokens -= need;
      return 0;
    }
    return Math.max(1, Math.ceil((need - this.#tokens) / this.#rate));
  }

  /** Charges a cost known only afterwards (bytes served); the bucket may go into debt, down to -burst. */
  charge(cost: number, now = Date.now()): void {
    this.#refill(now);
    this.#tokens = Math.max(-this.#burst, this.#tokens - cost);
  }

  /** Ms until the bucket is out of debt (0: it is now). */
  readyIn(now = Date.now()): number {
    this.#refill(now);
    return this.#tokens >= 0 ? 0 : Math.max(1, Math.ceil(-this.#tokens / this.#rate));
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

/**
 * One bucket per IP address, shared by all its connections; idle full buckets are dropped.
 * When the bucket is empty, a connection that used less than its fair share (the rate
 * divided by the IP's connections) still passes, so one busy connection of an IP cannot
 * make the quiet ones look rate-limited. [P-LIM4]
 */
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

  /**
   * Takes `cost` tokens; returns 0 or the ms to wait. `usedPerSec` is what the caller's
   * connection spent lately: under its fair share it passes even when the bucket is empty.
   */
  take(ip: string, cost = 1, usedPerSec?: number): number {
    const entry = this.#buckets.get(ip);
    if (!entry) return 0;
    const now = Date.now();
    const wait = entry.bucket.take(now, cost);
    if (wait === 0 || usedPerSec === undefined) return wait;
    if (usedPerSec < this.#rate / Math.max(1, entry.connections)) {
      entry.bucket.charge(cost, now);
      return 0;
    }
    return wait;
  }

  /** Charges a cost known afterwards (bytes served). */
  charge(ip: string, cost: number): void {
    this.#buckets.get(ip)?.bucket.charge(cost);
  }

  /** Ms until the IP's bucket is out of debt. */
  readyIn(ip: string): number {
    return this.#buckets.get(ip)?.bucket.readyIn() ?? 0;
  }

  /** Drops buckets of IPs with no connections that have refilled; call now and then. */
  sweep(): void {
    for (const [ip, entry] of this.#buckets) {
      if (entry.connections <= 0 && entry.bucket.isFull()) this.#buckets.delete(ip);
    }
  }
}

/** A token bucket per key that several server instances may share (see RedisRateLimiter). */
export interface KeyedLimit {
  /** 0 when a token was taken, else the ms until one is available. */
  take(key: string): number | Promise<number>;
  /** Forgets refilled buckets, where they are kept in this process. */
  sweep(): void;
}

/** One bucket per key (e.g. a client ID), made on first use; refilled ones are dropped by sweep(). */
export class KeyedRateLimiter implements KeyedLimit {
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

/** A decaying average of cost per second (half-life `halfLifeMs`), to tell busy from quiet. */
export class RateMeter {
  readonly #tau: number;
  #rate = 0;
  #last: number;

  constructor(halfLifeMs = 2_000, now = Date.now()) {
    this.#tau = halfLifeMs / Math.LN2;
    this.#last = now;
  }

  add(cost: number, now = Date.now()): void {
    this.#decay(now);
    this.#rate += (cost * 1000) / this.#tau;
  }

  perSec(now = Date.now()): number {
    this.#decay(now);
    return this.#rate;
  }

  #decay(now: number): void {
    this.#rate *= Math.exp(-(now - this.#last) / this.#tau);
    this.#last = now;
  }
}
