import { describe, expect, it } from 'vitest';
import { defaultDisplayName, shortCode } from './display-name.ts';

describe('default display names', () => {
  it('say "Someone" and four digits, never the client ID', () => {
    const id = 'kq3Rj0x9-abcDEF1234567890abcdef';
    const name = defaultDisplayName(id);
    expect(name).toMatch(/^Someone \d{4}$/);
    expect(name).not.toContain(id.slice(0, 4));
  });

  it('are stable per client ID and differ between client IDs', () => {
    expect(shortCode('alice-client')).toBe(shortCode('alice-client'));
    const codes = new Set(Array.from({ length: 50 }, (_, i) => shortCode(`client-${i}`)));
    expect(codes.size).toBeGreaterThan(45);
  });
});
