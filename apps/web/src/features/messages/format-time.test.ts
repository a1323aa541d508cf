import { describe, expect, it } from 'vitest';
import { dayLabel, daysAgo, sameDay } from './format-time.ts';

// Local times, so the test reads the same in every time zone.
const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const now = at(2026, 11, 30, 9); // a Monday morning

describe('date separators', () => {
  it('says Today and Yesterday by calendar day, not by 24-hour spans', () => {
    expect(dayLabel(at(2026, 11, 30, 0), now, 'en-GB')).toBe('Today');
    expect(dayLabel(at(2026, 11, 29, 23), now, 'en-GB')).toBe('Yesterday');
    expect(dayLabel(at(2026, 11, 29, 0), now, 'en-GB')).toBe('Yesterday');
  });

  it('names the weekday within the last week, then gives the date', () => {
    expect(dayLabel(at(2026, 11, 27), now, 'en-GB')).toBe('Friday');
    expect(dayLabel(at(2026, 11, 24), now, 'en-GB')).toBe('Tuesday');
    expect(dayLabel(at(2026, 11, 23), now, 'en-GB')).toBe('Monday 23 November');
    expect(dayLabel(at(2025, 12, 31), now, 'en-GB')).toBe('Wednesday, 31 December 2025');
  });

  it('counts days across a daylight-saving change as whole days', () => {
    expect(daysAgo(at(2026, 3, 28), at(2026, 3, 30))).toBe(2);
    expect(daysAgo(at(2026, 10, 24), at(2026, 10, 26))).toBe(2);
    expect(sameDay(at(2026, 11, 30, 0), at(2026, 11, 30, 23))).toBe(true);
    expect(sameDay(at(2026, 11, 29, 23), at(2026, 11, 30, 0))).toBe(false);
  });
});
