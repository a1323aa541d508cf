import { describe, expect, it } from 'vitest';
import type { TimelineItem } from './timeline-item.ts';
import { GROUP_MS, timelineRows, unreadableText } from './timeline-rows.ts';

const DAY = new Date(2026, 10, 30, 10, 0).getTime();

function msg(
  seq: number,
  from: string,
  ts: number,
  extra: Partial<TimelineItem> = {},
): TimelineItem {
  return {
    key: `${from}:m${seq}`,
    cmid: `m${seq}`,
    seq,
    from,
    own: from === 'me',
    name: from,
    text: `message ${seq}`,
    ts,
    status: from === 'me' ? 'sent' : 'received',
    ...extra,
  };
}

const unreadable = (seq: number, ts: number): TimelineItem =>
  msg(seq, 'ana', ts, { unreadable: true, problem: 'before-join' });

describe('timeline rows: grouping', () => {
  it('groups one author within a minute under one name, and starts again after', () => {
    const rows = timelineRows([
      msg(1, 'ana', DAY),
      msg(2, 'ana', DAY + 20_000),
      msg(3, 'ana', DAY + 20_000 + GROUP_MS),
      msg(4, 'bo', DAY + 20_000 + GROUP_MS + 1),
      msg(5, 'ana', DAY + 20_000 + GROUP_MS + 2),
    ]);
    expect(rows.map((r) => r.kind === 'item' && r.showAuthor)).toEqual([
      true,
      false,
      true,
      true,
      true,
    ]);
  });

  it('puts a date separator on the first row of each day', () => {
    const rows = timelineRows([
      msg(1, 'ana', DAY),
      msg(2, 'ana', DAY + 1000),
      msg(3, 'ana', DAY + 86_400_000),
    ]);
    expect(rows.map((r) => r.day)).toEqual([true, false, true]);
    expect(rows.map((r) => r.kind === 'item' && r.showAuthor)).toEqual([true, false, true]);
  });

  it('never groups a blocked person with the bubble above', () => {
    const rows = timelineRows([msg(1, 'eve', DAY), msg(2, 'eve', DAY + 1)], {
      blocked: new Set(['eve']),
    });
    expect(rows.map((r) => r.kind === 'item' && r.showAuthor)).toEqual([true, true]);
  });
});

describe('timeline rows: unreadable messages', () => {
  it('collapse into one notice per run, with the count', () => {
    const rows = timelineRows([
      unreadable(1, DAY),
      unreadable(2, DAY + 1),
      unreadable(3, DAY + 2),
      msg(4, 'bo', DAY + 3),
      unreadable(5, DAY + 4),
    ]);
    expect(rows.map((r) => r.kind)).toEqual(['unreadable', 'item', 'unreadable']);
    expect(rows[0]).toMatchObject({ kind: 'unreadable', count: 3, problem: 'before-join' });
    expect(rows[2]).toMatchObject({ count: 1 });
  });

  it('split at a new day, so each day keeps its separator', () => {
    const rows = timelineRows([unreadable(1, DAY), unreadable(2, DAY + 86_400_000)]);
    expect(rows.map((r) => r.kind === 'unreadable' && r.count)).toEqual([1, 1]);
  });

  it('say how many and why', () => {
    expect(unreadableText(10, 'before-join')).toBe(
      "10 earlier messages can't be read on this device",
    );
    expect(unreadableText(1, 'before-join')).toBe("1 earlier message can't be read on this device");
  });
});

describe('timeline rows: the unread divider', () => {
  it('sits above the first message from someone else after the read mark', () => {
    const rows = timelineRows(
      [msg(1, 'ana', DAY), msg(2, 'me', DAY + 1), msg(3, 'me', DAY + 2), msg(4, 'bo', DAY + 3)],
      { readUpTo: 1 },
    );
    expect(rows.map((r) => r.unread)).toEqual([false, false, false, true]);
    // The divider starts a new group even for the same author.
    expect(rows[3]).toMatchObject({ showAuthor: true });
  });

  it('is placed once, and not at all without a read mark or when all is read', () => {
    const items = [msg(1, 'ana', DAY), msg(2, 'ana', DAY + 1), msg(3, 'ana', DAY + 2)];
    expect(timelineRows(items, { readUpTo: 1 }).filter((r) => r.unread)).toHaveLength(1);
    expect(timelineRows(items).some((r) => r.unread)).toBe(false);
    expect(timelineRows(items, { readUpTo: 3 }).some((r) => r.unread)).toBe(false);
  });

  it('marks only what was there when the room opened, never what came in while reading', () => {
    const items = [msg(1, 'ana', DAY), msg(2, 'ana', DAY + 1)];
    expect(timelineRows(items, { readUpTo: 0, unreadUntil: 1 }).map((r) => r.unread)).toEqual([
      true,
      false,
    ]);
    expect(timelineRows(items, { readUpTo: 1, unreadUntil: 1 }).some((r) => r.unread)).toBe(false);
  });

  it('never sits above a notice of messages this device cannot read', () => {
    const rows = timelineRows([unreadable(1, DAY), msg(2, 'bo', DAY + 1)], { readUpTo: 0 });
    expect(rows.map((r) => r.unread)).toEqual([false, true]);
  });

  it('never sits above a pending own message or a membership line', () => {
    const pending = msg(9, 'me', DAY, { seq: undefined, status: 'pending' });
    const rows = timelineRows([pending], { readUpTo: 0 });
    expect(rows[0]!.unread).toBe(false);
  });
});
