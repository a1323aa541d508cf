import { describe, expect, it } from 'vitest';
import { IpRateLimiter, RateMeter, TokenBucket } from '../src/rate-limit.ts';

describe('rate limits that charge cost', () => {
  it('[P-LIM4] a bucket takes a cost, and a cost above the burst needs a full bucket', () => {
    const bucket = new TokenBucket(10, 100, 0);
    expect(bucket.take(0, 60)).toBe(0);
    expect(bucket.take(0, 60)).toBeGreaterThan(0);
    expect(bucket.take(10_000, 500)).toBe(0); // refilled to 100: an oversized cost drains it
    expect(bucket.take(10_000, 1)).toBeGreaterThan(0);
  });

  it('[P-HIST3] charge() goes into debt (at most the burst) and readyIn() says when it is paid', () => {
    const bucket = new TokenBucket(1000, 1000, 0);
    bucket.charge(1500, 0);
    expect(bucket.readyIn(0)).toBe(500);
    bucket.charge(10_000, 0); // capped at -burst
    expect(bucket.readyIn(0)).toBe(1000);
    expect(bucket.readyIn(1000)).toBe(0);
  });

  it('[P-LIM4] an empty IP bucket refuses the connection over its fair share, not the quiet one', () => {
    const ip = new IpRateLimiter(10, 10);
    ip.attach('a');
    ip.attach('a');
    for (let i = 0; i < 10; i++) expect(ip.take('a', 1, 50)).toBe(0);
    expect(ip.take('a', 1, 50)).toBeGreaterThan(0); // busy: 50/s over a share of 5/s
    expect(ip.take('a', 1, 1)).toBe(0); // quiet: 1/s under its share
    expect(ip.take('a')).toBeGreaterThan(0); // no usage given: the plain bucket decides
  });

  it('a rate meter decays: half after one half-life', () => {
    const meter = new RateMeter(1000, 0);
    meter.add(100, 0);
    const start = meter.perSec(0);
    expect(meter.perSec(1000)).toBeCloseTo(start / 2, 5);
  });
});
