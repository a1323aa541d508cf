import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '../timeline-item.ts';
import { mainTimeline, threadReplies } from './thread-split.ts';

const message = (cmid: string, thread?: string): TimelineItem => ({
  key: `ann:${cmid}`,
  cmid,
  seq: undefined,
  from: 'ann',
  own: false,
  name: 'Ann',
  text: cmid,
  ts: 1,
  status: 'received',
  ...(thread ? { thread } : {}),
});

describe('threads', () => {
  const items = [message('root'), message('r1', 'root'), message('other'), message('r2', 'root')];

  it('keeps thread replies out of the main timeline and counts them on the root', () => {
    const main = mainTimeline(items);
    expect(main.map((i) => i.cmid)).toEqual(['root', 'other']);
    expect(main[0]!.replies).toBe(2);
    expect(main[1]!.replies).toBeUndefined();
  });

  it('lists one thread in order', () => {
    expect(threadReplies(items, 'root').map((i) => i.cmid)).toEqual(['r1', 'r2']);
    expect(threadReplies(items, 'other')).toEqual([]);
  });

  it('hides replies whose root is not loaded, and does not count deleted replies', () => {
    const deleted = { ...message('r3', 'root'), deleted: { by: 'ann', name: 'Ann' } };
    const main = mainTimeline([message('x', 'gone'), message('root'), deleted]);
    expect(main.map((i) => i.cmid)).toEqual(['root']);
    expect(main[0]!.replies).toBeUndefined();
  });
});
