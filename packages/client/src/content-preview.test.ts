import { PREVIEW_LIMITS } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import { type Content, decodeContent, encodeContent, type TextContent } from './content.ts';

const enc = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const base: TextContent = { type: 'text', text: 'look https://example.com/a', sentAt: 1 };
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg';

describe('[P-PREV5] link previews inside text content', () => {
  it('round-trips a preview with its image bytes', () => {
    const content: Content = {
      ...base,
      preview: {
        url: 'https://example.com/a',
        title: 'A',
        description: 'About A',
        siteName: 'Example',
        image: { data: PNG, mime: 'image/png', width: 1, height: 1 },
      },
    };
    expect(decodeContent(encodeContent(content))).toEqual(content);
  });

  it.each([
    ['a javascript: URL', { url: 'javascript:alert(1)' }],
    [
      'a too long title',
      { url: 'https://e.com/', title: 'x'.repeat(PREVIEW_LIMITS.maxTitleChars + 1) },
    ],
    [
      'a too long description',
      { url: 'https://e.com/', description: 'x'.repeat(PREVIEW_LIMITS.maxDescriptionChars + 1) },
    ],
    [
      'an SVG image',
      {
        url: 'https://e.com/',
        image: { data: 'PHN2Zz4', mime: 'image/svg+xml', width: 1, height: 1 },
      },
    ],
    [
      'an image URL instead of bytes',
      {
        url: 'https://e.com/',
        image: { data: 'https://e.com/i.png', mime: 'image/png', width: 1, height: 1 },
      },
    ],
    [
      'an image over 64 KiB',
      {
        url: 'https://e.com/',
        image: { data: 'A'.repeat(90_000), mime: 'image/png', width: 1, height: 1 },
      },
    ],
    ['an unknown field', { url: 'https://e.com/', imageUrl: 'https://tracker.example/p.gif' }],
  ])('drops a message whose preview has %s', (_what, preview) => {
    expect(decodeContent(enc({ v: 1, ...base, preview }))).toBeUndefined();
    expect(() => encodeContent({ ...base, preview } as TextContent)).toThrow(RangeError);
  });
});
