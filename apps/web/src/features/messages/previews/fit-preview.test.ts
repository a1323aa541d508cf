import { type Content, encodeContent, type TextContent } from '@yam/client';
import { ENVELOPE_LIMITS } from '@yam/crypto';
import { PREVIEW_LIMITS } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import { fitPreview } from './fit-preview.ts';

const url = 'https://example.com/a';
const image = {
  data: 'A'.repeat(Math.ceil((PREVIEW_LIMITS.maxImageBytes * 4) / 3)),
  mime: 'image/png' as const,
  width: 1,
  height: 1,
};
const message = (text: string): TextContent => ({
  type: 'text',
  text: `${text} ${url}`,
  sentAt: 1,
  preview: { url, title: 'A title', image },
});
const size = (c: Content) => encodeContent(c).byteLength;

describe('fitPreview', () => {
  it('keeps a preview that fits, image included', () => {
    const short = message('short');
    expect(fitPreview(short)).toEqual(short);
  });

  it('drops the image first when a long text and the image are too much together', () => {
    const long = message('é'.repeat(12_000));
    expect(size(long)).toBeGreaterThan(ENVELOPE_LIMITS.maxBodyBytes);
    const fitted = fitPreview(long) as TextContent;
    expect(fitted.preview).toEqual({ url, title: 'A title' });
    expect(fitted.text).toBe(long.text);
    expect(size(fitted)).toBeLessThanOrEqual(ENVELOPE_LIMITS.maxBodyBytes);
  });

  it('drops the whole preview when even its text does not fit', () => {
    const fitted = fitPreview(message('x'.repeat(100)), 200) as TextContent;
    expect(fitted.preview).toBeUndefined();
  });
});
