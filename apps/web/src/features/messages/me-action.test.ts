import { describe, expect, it } from 'vitest';
import { meAction } from './me-action.ts';

describe('/me', () => {
  it('takes the action after /me', () => {
    expect(meAction('/me waves')).toBe('waves');
    expect(meAction('/me  waves *hard*')).toBe('waves *hard*');
  });
  it('is only /me at the very start, followed by something', () => {
    for (const text of ['/me', '/me ', '/mew', 'hi /me waves', ' /me waves', '/ME waves']) {
      expect(meAction(text), text).toBeUndefined();
    }
  });
});
