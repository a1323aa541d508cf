import { describe, expect, it } from 'vitest';
import { separateBlocks } from './slack-blocks.ts';

describe('quotes and lists end where Slack ends them', () => {
  it('keeps a reply under a quote out of the quote', () => {
    expect(separateBlocks('> quoted\n> still\nmy reply')).toBe('> quoted\n> still\n\nmy reply');
  });

  it('keeps a line under a list out of the list, unless it is indented', () => {
    expect(separateBlocks('- a\n- b\nThanks!')).toBe('- a\n- b\n\nThanks!');
    expect(separateBlocks('1. a\n   more about a\n2. b')).toBe('1. a\n   more about a\n2. b');
    expect(separateBlocks('- a\n> then a quote\nreply')).toBe('- a\n\n> then a quote\n\nreply');
  });

  it('leaves code fences and ordinary text alone', () => {
    const code = '```\n> not a quote\ncode\n- x\ny\n```';
    expect(separateBlocks(code)).toBe(code);
    expect(separateBlocks('one\ntwo\n\nthree')).toBe('one\ntwo\n\nthree');
  });
});
