import { describe, expect, it } from 'vitest';
import { showsPreview } from './shows-preview.ts';

const preview = { url: 'https://example.com/a', title: 'A' };

describe('showsPreview', () => {
  it('shows the card of a link the text shows', () => {
    expect(showsPreview({ text: 'see https://example.com/a', preview })).toBe(true);
  });

  it('hides a card whose link is not in the text (spoofed, or edited away), or deleted', () => {
    expect(showsPreview({ text: 'see https://bank.example/', preview })).toBe(false);
    expect(showsPreview({ text: 'no link any more', preview })).toBe(false);
    expect(showsPreview({ text: 'https://example.com/a', preview, deleted: { by: 'x' } })).toBe(
      false,
    );
    expect(showsPreview({ text: 'https://example.com/a' })).toBe(false);
  });
});
