import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contrastRatio, isReadableBubble, MIN_CONTRAST, metaOn, mix, textOn } from './contrast.ts';

describe('bubble colour contrast', () => {
  it('matches the WCAG ratios of black and white', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('picks light text on dark bubbles and dark text on light ones', () => {
    expect(textOn('#1d3557').text).toBe('#ffffff');
    expect(textOn('#ffe66d').text).toBe('#1f1712');
  });

  it('refuses mid tones where neither text colour reaches 4.5:1, and malformed colours', () => {
    expect(isReadableBubble('#ff0000')).toBe(false);
    expect(isReadableBubble('#808080')).toBe(false);
    expect(isReadableBubble('#999999')).toBe(true);
    expect(isReadableBubble('red')).toBe(false);
    expect(isReadableBubble('#FFF')).toBe(false);
  });
});

describe('timestamps on bubbles', () => {
  // The light colours of the profile palette (Sand, Mint, Sky, Blush) had white 80%
  // timestamps at about 1.3:1.
  it('reach 4.5:1 on the light palette colours, in a darker shade of the text', () => {
    for (const colour of ['#f1d9a7', '#bfe8d2', '#c9def5', '#f6cfd6']) {
      const meta = metaOn(colour);
      expect(contrastRatio(meta, colour)).toBeGreaterThanOrEqual(MIN_CONTRAST);
      expect(meta).not.toBe(textOn(colour).text);
    }
  });

  it('reach 4.5:1 on every colour a bubble may have (property)', () => {
    const hex = fc
      .integer({ min: 0, max: 0xffffff })
      .map((n) => `#${n.toString(16).padStart(6, '0')}`);
    fc.assert(
      fc.property(hex.filter(isReadableBubble), (colour) => {
        expect(contrastRatio(metaOn(colour), colour)).toBeGreaterThanOrEqual(MIN_CONTRAST);
      }),
      { numRuns: 2_000 },
    );
  });

  it('mixes colours channel by channel', () => {
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(mix('#102030', '#102030', 0.3)).toBe('#102030');
  });
});
