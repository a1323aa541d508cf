import { describe, expect, it } from 'vitest';
import { contrastRatio, isReadableBubble, textOn } from './contrast.ts';

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
