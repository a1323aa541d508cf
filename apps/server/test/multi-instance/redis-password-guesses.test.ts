import { afterAll, describe, expect, it } from 'vitest';
import { RedisBus } from '../../src/bus/redis/redis-bus.ts';
import { SERVER_LIMITS } from '../../src/config.ts';
import { RedisPasswordGuesses } from '../../src/mls-ds/redis-password-guesses.ts';
import { redisSkipReason, TEST_REDIS_URL, uniquePrefix } from '../helpers/test-redis.ts';

const skip = await redisSkipReason('the Redis password-guess tests');

const limits = {
  ...SERVER_LIMITS,
  passwordTriesPerRequester: 2,
  passwordTriesPerRoom: 4,
  passwordBackoffMs: 1_000,
  passwordBackoffMaxMs: 8_000,
};

const buses: RedisBus[] = [];
afterAll(async () => {
  await Promise.all(buses.map((b) => b.close()));
});

/** Two instances' views of one deployment's guesses. */
async function twoInstances() {
  const prefix = uniquePrefix();
  const make = async () => {
    const bus = await RedisBus.connect(TEST_REDIS_URL, { prefix });
    buses.push(bus);
    return new RedisPasswordGuesses(bus.commands, prefix, limits);
  };
  return [await make(), await make()] as const;
}

describe.skipIf(skip !== undefined)('[P-PAKE2] [P-PAKE3] RedisPasswordGuesses', () => {
  it('a run started on one instance is found, confirmed once and ended on another', async () => {
    const [one, two] = await twoInstances();
    expect(await one.start('r', 1, 'joiner', 'member')).toBe(true);
    expect(await two.start('r', 1, 'joiner', 'other member')).toBe(false);
    const run = await two.run('r', 1);
    expect(run).toMatchObject({ requester: 'joiner', member: 'member', confirmed: false });
    expect(await two.confirm(run!)).toBe(true);
    expect(await one.confirm(run!)).toBe(false);
    expect((await one.run('r', 1))?.confirmed).toBe(true);
    await one.end(run!, true);
    expect(await two.run('r', 1)).toBeUndefined();
  });

  it('wrong passwords count for the whole deployment, not per instance', async () => {
    const [one, two] = await twoInstances();
    for (const [i, guesses] of [one, two].entries()) {
      expect(await guesses.start('r', i + 1, 'guesser', 'member')).toBe(true);
      await guesses.end((await guesses.run('r', i + 1))!, false);
    }
    // Two failures (one per instance) use up the requester's two free tries everywhere.
    expect(await one.wait('r', 'guesser')).toBeGreaterThan(0);
    expect(await two.wait('r', 'guesser')).toBeGreaterThan(0);
    expect(await two.wait('r', 'someone else')).toBe(0);
    expect(await two.wait('another room', 'guesser')).toBe(0);
  });

  it('runs in flight count as tries once the free ones are used', async () => {
    const [one, two] = await twoInstances();
    expect(await one.start('r', 1, 'a', 'm')).toBe(true);
    expect(await two.wait('r', 'a')).toBe(0);
    expect(await two.start('r', 2, 'a', 'm')).toBe(true);
    expect(await one.wait('r', 'a')).toBeGreaterThan(0);
  });
});
