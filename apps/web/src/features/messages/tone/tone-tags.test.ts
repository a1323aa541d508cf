import { describe, expect, it } from 'vitest';
import { splitToneTags, TONE_TAGS, toneLabel } from './tone-tags.ts';

describe('tone tags', () => {
  it('knows at least the common indicators', () => {
    for (const tag of 'j s srs hj lh pos neg gen nm lu t nsrs p r c l ly nbh'.split(' ')) {
      expect(TONE_TAGS[tag], tag).toBeTruthy();
    }
  });

  it('finds a tag at the end of a message and after a word', () => {
    expect(splitToneTags('that was great /j')).toEqual([
      { text: 'that was great ' },
      { text: '/j', tag: 'j' },
    ]);
    expect(splitToneTags('sure /s, fine /GEN!')).toEqual([
      { text: 'sure ' },
      { text: '/s', tag: 's' },
      { text: ', fine ' },
      { text: '/GEN', tag: 'gen' },
      { text: '!' },
    ]);
    expect(splitToneTags('/srs')).toEqual([{ text: '/srs', tag: 'srs' }]);
  });

  it('leaves paths, URLs, unknown and glued tags as text', () => {
    for (const text of ['a/s', 'see /usr/bin', '/xyz', 'go /jk', 'http://x.org/j', 'x /j2']) {
      expect(splitToneTags(text), text).toEqual([{ text }]);
    }
  });

  it('labels a tag with its meaning', () => {
    expect(toneLabel('j')).toBe('/j — joking');
  });
});
