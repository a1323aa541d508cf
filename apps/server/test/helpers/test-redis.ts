import { RedisBus } from '../../src/bus/redis/redis-bus.ts';

/** The Redis the tests use: `YAM_TEST_REDIS_URL`, else the local default. */
export const TEST_REDIS_URL = process.env.YAM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Why the Redis tests cannot run here, or undefined when they can. With CI=true Redis is
 * there on purpose: an unreachable one fails the suite instead of skipping it.
 */
export async function redisSkipReason(what: string): Promise<string | undefined> {
  if (process.env.CI === 'true') return undefined;
  try {
    const probe = await RedisBus.connect(TEST_REDIS_URL, { connectTimeoutMs: 1_000 });
    await probe.close();
    return undefined;
  } catch (error) {
    const reason = `${error instanceof Error ? error.message : String(error)} (set YAM_TEST_REDIS_URL)`;
    console.warn(`skipping ${what}: ${reason}`);
    return reason;
  }
}

/** A prefix no other test (or parallel run) uses. */
export function uniquePrefix(): string {
  return `yam-test:${process.pid}:${Math.random().toString(36).slice(2)}:`;
}
