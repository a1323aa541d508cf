import type { RawData } from 'ws';
import { RateMeter, TokenBucket } from '../rate-limit.ts';
import type { RelayContext } from './context.ts';

/**
 * One connection's share of the rate limits [P-LIM4]: frames and bytes decoded, per
 * connection and per IP. Its usage meters let the IP buckets spare a quiet connection
 * when a busy one of the same IP emptied them.
 */
export class FrameLimits {
  readonly #ctx: RelayContext;
  readonly #ip: string;
  readonly #frames: TokenBucket;
  readonly #bytes: TokenBucket;
  readonly #frameUsage = new RateMeter();
  readonly #byteUsage = new RateMeter();

  constructor(ctx: RelayContext, ip: string) {
    this.#ctx = ctx;
    this.#ip = ip;
    const { limits } = ctx;
    this.#frames = new TokenBucket(limits.connectionRatePerSec, limits.connectionBurst);
    this.#bytes = new TokenBucket(limits.connectionBytesPerSec, limits.connectionBurstBytes);
    for (const limiter of this.#ipLimiters()) limiter.attach(ip);
  }

  /** Charges one frame; 0 when it may be handled, else the ms to wait. */
  take(data: RawData): number {
    const size = frameBytes(data);
    const [frames, bytes] = [this.#frameUsage.perSec(), this.#byteUsage.perSec()];
    this.#frameUsage.add(1);
    this.#byteUsage.add(size);
    return Math.max(
      this.#frames.take(),
      this.#bytes.take(undefined, size),
      this.#ctx.ipLimiter.take(this.#ip, 1, frames),
      this.#ctx.ipBytes.take(this.#ip, size, bytes),
    );
  }

  /** The connection closed: its IP's buckets may be forgotten once refilled. */
  release(): void {
    for (const limiter of this.#ipLimiters()) limiter.detach(this.#ip);
  }

  #ipLimiters() {
    return [this.#ctx.ipLimiter, this.#ctx.ipBytes, this.#ctx.ipHistoryBytes];
  }
}

function frameBytes(data: RawData): number {
  return Array.isArray(data)
    ? data.reduce((n, b) => n + b.byteLength, 0)
    : (data as Buffer | ArrayBuffer).byteLength;
}
