import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../latency-histogram.ts';
import { nowUs, sentAtOf, TimestampPayload } from '../timestamp-payload.ts';

describe('LatencyHistogram', () => {
  it('reports percentiles within its 2% bucket width', () => {
    const histogram = new LatencyHistogram();
    for (let ms = 1; ms <= 100; ms++) histogram.record(ms * 1000);
    expect(histogram.percentileMs(0.5)).toBeGreaterThanOrEqual(50);
    expect(histogram.percentileMs(0.5)).toBeLessThanOrEqual(51);
    expect(histogram.percentileMs(0.99)).toBeGreaterThanOrEqual(99);
    expect(histogram.percentileMs(0.99)).toBeLessThanOrEqual(100);
    expect(histogram.maxMs()).toBe(100);
  });

  it('merges what workers measured into the same figures', () => {
    const whole = new LatencyHistogram();
    const left = new LatencyHistogram();
    const right = new LatencyHistogram();
    for (let us = 100; us < 50_000; us += 37) {
      whole.record(us);
      (us % 2 === 0 ? left : right).record(us);
    }
    const merged = new LatencyHistogram();
    merged.merge(left.toJSON());
    merged.merge(right.toJSON());
    expect(merged.size).toBe(whole.size);
    expect(merged.percentileMs(0.99)).toBe(whole.percentileMs(0.99));
    expect(merged.meanMs()).toBeCloseTo(whole.meanMs(), 6);
  });
});

describe('TimestampPayload', () => {
  it('carries its send time to a receiver that reads only the msg frame bytes', () => {
    const sent = nowUs();
    const payload = new TimestampPayload(256).encode(sent);
    expect(Buffer.from(payload, 'base64url')).toHaveLength(256);
    const frame = JSON.stringify({ t: 'msg', room: 'r', seq: 1, payload, ts: 1 });
    expect(sentAtOf(Buffer.from(frame))).toBe(sent);
    expect(sentAtOf(Buffer.from('{"t":"ack","rid":1}'))).toBeUndefined();
  });
});
