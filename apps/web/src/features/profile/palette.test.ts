import { describe, expect, it } from 'vitest';
import { isReadableBubble } from '../../ui/contrast.ts';
import { PALETTE } from './palette.ts';

describe('bubble palette', () => {
  it('every palette colour is readable', () => {
    for (const colour of PALETTE) expect(isReadableBubble(colour.value), colour.name).toBe(true);
  });
});
