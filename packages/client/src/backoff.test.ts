import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay } from './backoff.ts';

describe('backoff', () => {
  it('stays within [max(min, hi/2), hi] with hi = min(max, min*2^(n+1))', () => {
    const options = { minMs: 100, maxMs: 5_000 };
    for (let attempt = 0; attempt < 12; attempt++) {
      const hi = Math.min(5_000, 100 * 2 ** (attempt + 1));
      const lo = Math.max(100, hi / 2);
      expect(backoffDelay(attempt, options, () => 0)).toBe(lo);
      expect(backoffDelay(attempt, options, () => 0.999999)).toBe(
        Math.round(lo + 0.999999 * (hi - lo)),
      );
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(attempt, options);
        expect(d).toBeGreaterThanOrEqual(lo);
        expect(d).toBeLessThanOrEqual(hi);
      }
    }
  });

  it('jitters: random draws give different delays for the same attempt', () => {
    const delays = new Set(
      Array.from({ length: 20 }, () => backoffDelay(3, { minMs: 100, maxMs: 60_000 })),
    );
    expect(delays.size).toBeGreaterThan(1);
  });

  it('never exceeds maxMs, even after very many attempts', () => {
    expect(backoffDelay(10_000, { minMs: 500, maxMs: 30_000 }, () => 1)).toBe(30_000);
    expect(backoffDelay(10_000, { minMs: 500, maxMs: 30_000 }, () => 0)).toBe(15_000);
  });

  it('Backoff counts attempts and starts over after reset()', () => {
    const b = new Backoff({ minMs: 10, maxMs: 1_000 }, () => 1);
    expect([b.next(), b.next(), b.next()]).toEqual([20, 40, 80]);
    b.reset();
    expect(b.next()).toBe(20);
  });
});
