import { describe, expect, it } from 'vitest';
import { previewImageUrl } from './preview-image-url.ts';

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg';

describe('previewImageUrl', () => {
  it('makes a data: URL for bytes that are what they claim', () => {
    expect(previewImageUrl({ data: PNG, mime: 'image/png' })).toMatch(
      /^data:image\/png;base64,iVBOR/,
    );
  });

  it('refuses bytes that are not the claimed type, SVG, or nothing', () => {
    expect(previewImageUrl({ data: PNG, mime: 'image/jpeg' })).toBeUndefined();
    const svg = Buffer.from('<svg onload="alert(1)"/>').toString('base64url');
    expect(previewImageUrl({ data: svg, mime: 'image/png' })).toBeUndefined();
    expect(previewImageUrl(undefined)).toBeUndefined();
  });
});
