import { describe, expect, it } from 'vitest';
import { findLink } from './find-link.ts';

describe('findLink', () => {
  it.each([
    ['see https://example.com/a?b=1 now', 'https://example.com/a?b=1'],
    ['http://example.org.', 'http://example.org'],
    ['(https://example.org/x)', 'https://example.org/x'],
    ['https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    ['first https://a.example then https://b.example', 'https://a.example'],
    ['http://127.0.0.1:5173/page', 'http://127.0.0.1:5173/page'],
    ['HTTPS://EXAMPLE.COM', 'HTTPS://EXAMPLE.COM'],
  ])('finds the link in %s', (text, link) => {
    expect(findLink(text)).toBe(link);
  });

  it.each([
    'no link here',
    'ftp://example.com/file',
    'javascript:alert(1)',
    'https://',
    'http://intranet/x',
  ])('finds nothing in %s', (text) => {
    expect(findLink(text)).toBeUndefined();
  });
});
