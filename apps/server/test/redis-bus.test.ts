import { describe, expect, it } from 'vitest';
import { busContract } from '../src/bus/bus.contract.ts';
import { RedisBus } from '../src/bus/redis/redis-bus.ts';
import { redisSkipReason, TEST_REDIS_URL, uniquePrefix } from './helpers/test-redis.ts';
import { waitFor } from './integration/sdk-harness.ts';

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

  it('runs onResume once the publisher is back: what it failed to publish meanwhile is gone', async () => {
    const bus = await RedisBus.connect(TEST_REDIS_URL, { prefix: uniquePrefix() });
    try {
      let resumed = 0;
      bus.onResume(() => resumed++);
      bus.commands.disconnect(true);
      await expect(bus.publish('t', 'lost')).rejects.toThrow();
      await waitFor(() => resumed === 1, 'resume after the reconnect');
      await bus.publish('t', 'works again');
    } finally {
      await bus.close();
    }
  });
});
