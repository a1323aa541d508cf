import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '../timeline-item.ts';
import { hasReacted, tallyReactions } from './reaction-tally.ts';

const message = (from: string, cmid: string): TimelineItem => ({
  key: `${from}:${cmid}`,
  cmid,
  seq: undefined,
  from,
  own: false,
  name: from,
  text: 'hi',
  ts: 1,
  status: 'received',
});
const react = (from: string, to: string, emoji: string, remove = false): TimelineItem => ({
  ...message(from, `r-${from}-${emoji}-${remove}`),
  reaction: { emoji, to, remove },
});

describe('reaction tally', () => {
  it('shows reactions as chips on their target, never as bubbles', () => {
    const shown = tallyReactions([
      message('bob', 'm1'),
      react('alice', 'm1', '👍'),
      react('carol', 'm1', '👍'),
      react('carol', 'm1', '❤️'),
    ]);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.reactions).toEqual([
      {
        emoji: '👍',
        by: [
          { from: 'alice', name: 'alice' },
          { from: 'carol', name: 'carol' },
        ],
      },
      { emoji: '❤️', by: [{ from: 'carol', name: 'carol' }] },
    ]);
  });

  it('a removal takes only its sender off, and an empty emoji disappears', () => {
    const shown = tallyReactions([
      message('bob', 'm1'),
      react('alice', 'm1', '👍'),
      react('carol', 'm1', '👍'),
      react('alice', 'm1', '👍', true),
      react('carol', 'm1', '😂'),
      react('carol', 'm1', '😂', true),
    ]);
    expect(shown[0]!.reactions).toEqual([{ emoji: '👍', by: [{ from: 'carol', name: 'carol' }] }]);
    expect(hasReacted(shown[0]!, '👍', 'carol')).toBe(true);
    expect(hasReacted(shown[0]!, '👍', 'alice')).toBe(false);
  });

  it('the same person reacting twice counts once; reactions to unloaded messages wait', () => {
    const shown = tallyReactions([
      message('bob', 'm1'),
      react('alice', 'm1', '👍'),
      { ...react('alice', 'm1', '👍'), key: 'again', cmid: 'again' },
      react('alice', 'elsewhere', '👍'),
    ]);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.reactions?.[0]?.by).toHaveLength(1);
  });
});
