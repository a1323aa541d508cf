import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReadMarkSource } from '../../session/room-ports.ts';
import { newestFromOthers, READ_MARK_THROTTLE_MS, RoomReadMarks, seenBy } from './read-marks.ts';
import type { TimelineItem } from './timeline-item.ts';

const item = (seq: number, from: string, extra: Partial<TimelineItem> = {}): TimelineItem => ({
  key: `${from}:c${seq}`,
  cmid: `c${seq}`,
  seq,
  from,
  own: from === 'me',
  name: from,
  text: `m${seq}`,
  ts: seq,
  status: from === 'me' ? 'sent' : 'received',
  ...extra,
});

class FakeMarks implements ReadMarkSource {
  readonly me = 'me';
  readonly sent: string[] = [];
  listener: ((mark: { from: string; upTo: string }) => void) | undefined;
  saved = new Map<string, string>();
  savedReadMarks() {
    return this.saved;
  }
  onReadMark(listener: (mark: { from: string; upTo: string }) => void) {
    this.listener = listener;
    return () => {
      this.listener = undefined;
    };
  }
  async sendReadMark(upTo: string) {
    this.sent.push(upTo);
  }
}

describe('RoomReadMarks', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the newest mark, at most one per throttle window', () => {
    const source = new FakeMarks();
    const marks = new RoomReadMarks(source, () => true);
    marks.seen('c1');
    vi.advanceTimersByTime(0);
    expect(source.sent).toEqual(['c1']);
    marks.seen('c2');
    marks.seen('c3');
    marks.seen('c3');
    vi.advanceTimersByTime(READ_MARK_THROTTLE_MS - 1);
    expect(source.sent).toEqual(['c1']);
    vi.advanceTimersByTime(1);
    expect(source.sent).toEqual(['c1', 'c3']);
    marks.seen('c3');
    vi.advanceTimersByTime(READ_MARK_THROTTLE_MS);
    expect(source.sent).toEqual(['c1', 'c3']);
  });

  it('starts from the marks this device kept (a reload), its own left out', () => {
    const source = new FakeMarks();
    source.saved = new Map([
      ['bob', 'c4'],
      ['me', 'c5'],
    ]);
    const marks = new RoomReadMarks(source, () => true);
    expect([...marks.marks.value]).toEqual([['bob', 'c4']]);
    source.listener?.({ from: 'bob', upTo: 'c6' });
    expect(marks.marks.value.get('bob')).toBe('c6');
  });

  it('turned off, sends nothing (and a mark waiting to go is dropped)', () => {
    const source = new FakeMarks();
    let on = true;
    const marks = new RoomReadMarks(source, () => on);
    marks.seen('c1');
    on = false;
    vi.advanceTimersByTime(READ_MARK_THROTTLE_MS);
    marks.seen('c2');
    vi.advanceTimersByTime(READ_MARK_THROTTLE_MS);
    expect(source.sent).toEqual([]);
  });

  it('keeps each other member’s latest mark, never its own', () => {
    const source = new FakeMarks();
    const marks = new RoomReadMarks(source, () => true);
    source.listener?.({ from: 'ana', upTo: 'c1' });
    source.listener?.({ from: 'ana', upTo: 'c2' });
    source.listener?.({ from: 'me', upTo: 'c2' });
    expect([...marks.marks.value]).toEqual([['ana', 'c2']]);
  });
});

describe('seenBy', () => {
  const items = [item(1, 'me'), item(2, 'ana'), item(3, 'me'), item(4, 'me')];
  const name = (id: string) => id.toUpperCase();

  it('goes under the newest message read, with everyone at or past it', () => {
    const marks = new Map([
      ['ana', 'c3'],
      ['bo', 'c3'],
      ['cy', 'c1'],
    ]);
    expect(seenBy(items, marks, name)).toEqual({ key: 'me:c3', names: ['ANA', 'BO'] });
  });

  it('is nowhere without marks, or with marks for messages not loaded', () => {
    expect(seenBy(items, new Map(), name)).toBeUndefined();
    expect(seenBy(items, new Map([['ana', 'gone']]), name)).toBeUndefined();
  });

  it('marks point at the newest readable message from someone else', () => {
    expect(newestFromOthers(items)?.cmid).toBe('c2');
    expect(newestFromOthers([item(1, 'ana', { unreadable: true })])).toBeUndefined();
  });
});
