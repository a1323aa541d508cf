import { MAX_EXCERPT_LENGTH } from '@yam/client';
import { describe, expect, it } from 'vitest';
import { excerptOf, quoteText } from './reply-excerpt.ts';
import type { TimelineItem } from './timeline-item.ts';

describe('reply excerpts', () => {
  it('keeps a short text on one line', () => {
    expect(excerptOf('  hello\n\nthere  ')).toBe('hello there');
  });

  it('cuts a long text at a word, within the content limit', () => {
    const long = 'word '.repeat(100);
    const excerpt = excerptOf(long);
    expect(excerpt.endsWith('word…')).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(MAX_EXCERPT_LENGTH);
  });

  it('names a photo without a caption', () => {
    expect(excerptOf('', true)).toBe('Photo');
  });
});

describe('reply quotes', () => {
  const author = 'b'.repeat(43);
  const original: TimelineItem = {
    key: `${author}:cmid-0001`,
    cmid: 'cmid-0001',
    seq: 1,
    from: author,
    own: false,
    name: 'Bob',
    text: 'I will bring the cake',
    ts: 1,
    status: 'received',
  };

  it('a forged excerpt shows the real text of the quoted message when it is loaded', () => {
    const forged = { cmid: 'cmid-0001', author, excerpt: 'I will not come' };
    expect(quoteText(forged, original)).toBe('I will bring the cake');
  });

  it("falls back to the replier's excerpt when the original is not loaded or unreadable", () => {
    const reply = { cmid: 'cmid-0001', author, excerpt: 'I will bring the cake' };
    expect(quoteText(reply, undefined)).toBe('I will bring the cake');
    expect(quoteText({ ...reply, excerpt: 'x' }, { ...original, unreadable: true })).toBe('x');
  });

  it('a deleted original shows "Message deleted" in every quote of it, not the excerpt', () => {
    const reply = { cmid: 'cmid-0001', author, excerpt: 'I will bring the cake' };
    const gone = { ...original, text: '', deleted: { by: author, name: 'Bob' } };
    expect(quoteText(reply, gone)).toBe('Message deleted');
  });
});
