import { MAX_EXCERPT_LENGTH } from '@yam/client';
import { describe, expect, it } from 'vitest';
import { excerptOf } from './reply-excerpt.ts';

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
