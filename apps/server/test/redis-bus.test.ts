import { describe, expect, it } from 'vitest';
import { busContract } from '../src/bus/bus.contract.ts';
import { RedisBus } from '../src/bus/redis/redis-bus.ts';
import { redisSkipReason, TEST_REDIS_URL } from './helpers/test-redis.ts';

const skip = await redisSkipReason('the RedisBus tests');

describe.skipIf(skip !== undefined)('RedisBus', () => {
  // Each test's namespace is its channel prefix, so parallel runs never hear each other.
  busContract('RedisBus', (namespace) => RedisBus.connect(TEST_REDIS_URL, { prefix: namespace }));

  it('refuses to start with a one-line reason when Redis is unreachable', async () => {
    const error = await RedisBus.connect('redis://:secret@127.0.0.1:1', {
      connectTimeoutMs: 1_000,
    }).then(
      () => new Error('connected'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(/^cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1/);
    expect(error.message).not.toContain('secret');
    expect(error.message).not.toContain('\n');
  });
});
