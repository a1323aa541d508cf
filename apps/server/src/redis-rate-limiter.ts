import type { Redis } from 'ioredis';
import type { KeyedLimit } from './rate-limit.ts';

/**
 * Refill, then take one token, in one step inside Redis, on Redis's own clock (instances'
 * clocks may differ). Returns 0 or the ms until a token is available.
 */
const TAKE = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'last')
local tokens = tonumber(b[1]) or burst
local last = tonumber(b[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - last) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'last', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
return wait
`;

/**
 * `KeyedRateLimiter` kept in Redis, so a limit holds for a whole deployment rather than
 * once per instance: a budget that protects someone (their one-time KeyPackages) must not
 * grow with the number of instances a stranger can reach. A bucket expires once it would
 * be full again.
 */
export class RedisRateLimiter implements KeyedLimit {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #perMs: number;
  readonly #burst: number;

  constructor(redis: Redis, prefix: string, ratePerSec: number, burst: number) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#perMs = ratePerSec / 1000;
    this.#burst = burst;
  }

  async take(key: string): Promise<number> {
    const wait = await this.#redis.eval(TAKE, 1, this.#prefix + key, this.#perMs, this.#burst);
    return Number(wait);
  }

  /** Redis expires full buckets by itself. */
  sweep(): void {}
}
