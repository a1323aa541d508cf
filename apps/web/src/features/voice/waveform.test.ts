import { describe, expect, it } from 'vitest';
import { formatDuration, nextSpeed, waveformOf } from './waveform.ts';

describe('waveformOf', () => {
  it('keeps at most 64 levels of 0–31, the loudest at 31', () => {
    const levels = Array.from({ length: 1_000 }, (_, i) => (i % 100) / 200);
    const bars = waveformOf(levels);
    expect(bars).toHaveLength(64);
    expect(Math.max(...bars)).toBe(31);
    expect(bars.every((b) => Number.isInteger(b) && b >= 0 && b <= 31)).toBe(true);
  });

  it('takes the peak of each slice, so a short click is not averaged away', () => {
    const levels = new Array(640).fill(0.01);
    levels[15] = 0.8;
    const bars = waveformOf(levels);
    expect(bars[1]).toBe(31);
    expect(bars[0]).toBe(0);
  });

  it('keeps one bar per level for short recordings, and silence flat', () => {
    expect(waveformOf([0.5, 0.25, 0])).toEqual([31, 16, 0]);
    expect(waveformOf([0, 0, 0])).toEqual([0, 0, 0]);
    expect(waveformOf([])).toEqual([]);
  });

  it('ignores values outside 0–1 and NaN', () => {
    expect(waveformOf([Number.NaN, 2, 0.5])).toEqual([0, 31, 16]);
  });
});

describe('formatDuration', () => {
  it('shows minutes and seconds, and hours when there are any', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7_900)).toBe('0:07');
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
  });
});

describe('nextSpeed', () => {
  it('cycles 1× → 1.5× → 2× → 1×', () => {
    expect(nextSpeed(1)).toBe(1.5);
    expect(nextSpeed(1.5)).toBe(2);
    expect(nextSpeed(2)).toBe(1);
    expect(nextSpeed(3)).toBe(1);
  });
});
