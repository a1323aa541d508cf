import { describe, expect, it } from 'vitest';
import { LABELS } from './labels.ts';

describe('domain-separation labels', () => {
  it('[P-AUTH1] are distinct, none a prefix of another, all versioned and "yam-" prefixed', () => {
    const entries = Object.entries(LABELS);
    expect(entries.length).toBeGreaterThanOrEqual(10);
    for (const [name, label] of entries) {
      expect(label, name).toMatch(/^yam-[a-z-]+-v\d+[\n:]?$/);
      for (const [other, otherLabel] of entries) {
        if (other === name) continue;
        expect(otherLabel.startsWith(label), `${name} is a prefix of ${other}`).toBe(false);
      }
    }
  });
});
