import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeContent,
  encodeContent,
  MAX_EXCERPT_LENGTH,
  MAX_MENTIONS,
  MAX_NAME_LENGTH,
  MAX_REACTION_LENGTH,
  MAX_TEXT_LENGTH,
} from './content.ts';

const enc = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('content codec', () => {
  it('round-trips text content with and without a name', () => {
    const withName = { type: 'text' as const, text: 'hi 👋 <b>', name: 'Ann', sentAt: 1700 };
    expect(decodeContent(encodeContent(withName))).toEqual(withName);
    const noName = { type: 'text' as const, text: '', sentAt: 0 };
    expect(decodeContent(encodeContent(noName))).toEqual(noName);
  });

  it('encodes UTF-8 JSON with format version 1', () => {
    const bytes = encodeContent({ type: 'text', text: 'é', sentAt: 1 });
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual({
      v: 1,
      type: 'text',
      text: 'é',
      sentAt: 1,
    });
  });

  it('refuses to encode over-long text or names', () => {
    expect(() =>
      encodeContent({ type: 'text', text: 'x'.repeat(MAX_TEXT_LENGTH + 1), sentAt: 1 }),
    ).toThrow(RangeError);
    expect(() =>
      encodeContent({ type: 'text', text: 'x', name: 'n'.repeat(MAX_NAME_LENGTH + 1), sentAt: 1 }),
    ).toThrow(RangeError);
  });

  it('decodes malformed input to undefined, never throws', () => {
    const bad: Uint8Array[] = [
      new Uint8Array([]),
      new Uint8Array([0xff, 0xfe, 0x00]),
      new TextEncoder().encode('{not json'),
      enc(null),
      enc([1, 2]),
      enc('text'),
      enc({ type: 'text', text: 'no version', sentAt: 1 }),
      enc({ v: 2, type: 'text', text: 'future', sentAt: 1 }),
      enc({ v: 1, type: 'image', text: 'x', sentAt: 1 }),
      enc({ v: 1, type: 'text', text: 5, sentAt: 1 }),
      enc({ v: 1, type: 'text', text: 'x', sentAt: 'yesterday' }),
      enc({ v: 1, type: 'text', text: 'x', sentAt: 1.5 }),
      enc({ v: 1, type: 'text', text: 'x'.repeat(MAX_TEXT_LENGTH + 1), sentAt: 1 }),
      enc({ v: 1, type: 'text', text: 'x', name: 'n'.repeat(MAX_NAME_LENGTH + 1), sentAt: 1 }),
      new Uint8Array(200 * 1024).fill(0x20),
    ];
    for (const bytes of bad) expect(decodeContent(bytes)).toBeUndefined();
  });

  it('ignores unknown fields and __proto__ keys', () => {
    const raw =
      '{"v":1,"type":"text","text":"ok","sentAt":3,"extra":1,"__proto__":{"polluted":true}}';
    const content = decodeContent(new TextEncoder().encode(raw));
    expect(content).toEqual({ type: 'text', text: 'ok', sentAt: 3 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(content)).toBe(Object.prototype);
  });
});

describe('image content', () => {
  const image = {
    type: 'image' as const,
    hash: 'A'.repeat(43),
    key: 'b'.repeat(43),
    size: 1234,
    mime: 'image/png' as const,
    width: 640,
    height: 480,
    caption: 'a cat',
    sentAt: 1,
  };

  it('round-trips an image reference', () => {
    expect(decodeContent(encodeContent(image))).toEqual(image);
  });

  it('refuses SVG (active content) and a malformed hash', () => {
    const svg = new TextEncoder().encode(JSON.stringify({ v: 1, ...image, mime: 'image/svg+xml' }));
    expect(decodeContent(svg)).toBeUndefined();
    expect(() => encodeContent({ ...image, hash: 'short' })).toThrow(RangeError);
  });

  it('carries a small thumbnail, never a large or non-base64url one', () => {
    const withThumb = { ...image, thumb: 'UklGRh4AAABXRUJQ_-' };
    expect(decodeContent(encodeContent(withThumb))).toEqual(withThumb);
    expect(() => encodeContent({ ...image, thumb: 'x'.repeat(3_000) })).toThrow(RangeError);
    expect(() => encodeContent({ ...image, thumb: 'data:image/png;base64,AAAA' })).toThrow(
      RangeError,
    );
  });

  it('caps size and caption', () => {
    expect(() => encodeContent({ ...image, size: 64 * 1024 * 1024 })).toThrow(RangeError);
    expect(() => encodeContent({ ...image, caption: 'x'.repeat(5_000) })).toThrow(RangeError);
  });
});

describe('replies and reactions', () => {
  const replyTo = { cmid: 'cmid-1234', author: 'c'.repeat(43), excerpt: 'the original' };
  const reaction = { type: 'reaction' as const, reaction: '👍', to: 'cmid-1234', sentAt: 2 };

  it('round-trips a reply and a reaction (with and without remove)', () => {
    const reply = { type: 'text' as const, text: 'yes', replyTo, sentAt: 1 };
    expect(decodeContent(encodeContent(reply))).toEqual(reply);
    expect(decodeContent(encodeContent(reaction))).toEqual(reaction);
    const removal = { ...reaction, remove: true as const, name: 'Bob' };
    expect(decodeContent(encodeContent(removal))).toEqual(removal);
    for (const emoji of ['👍🏽', '🏳️‍🌈', '🇫🇷', '❤️', '1️⃣', '👩‍👩‍👧']) {
      expect(decodeContent(encodeContent({ ...reaction, reaction: emoji }))?.type).toBe('reaction');
    }
  });

  it('decodes malformed replies and reactions to undefined', () => {
    const text = { v: 1, type: 'text', text: 'x', sentAt: 1 };
    const react = { v: 1, ...reaction };
    const bad = [
      { ...text, replyTo: 'cmid-1234' },
      { ...text, replyTo: { ...replyTo, cmid: 'short' } },
      { ...text, replyTo: { ...replyTo, cmid: 'has space in it' } },
      { ...text, replyTo: { ...replyTo, author: 'not-a-client' } },
      { ...text, replyTo: { ...replyTo, excerpt: 'x'.repeat(MAX_EXCERPT_LENGTH + 1) } },
      { ...text, replyTo: { ...replyTo, extra: 1 } },
      { ...text, replyTo: { cmid: 'cmid-1234', excerpt: 'no author' } },
      { ...react, reaction: '' },
      { ...react, reaction: 'like' },
      { ...react, reaction: '<img src=x>' },
      { ...react, reaction: '👍 ok' },
      { ...react, reaction: '1' },
      { ...react, reaction: '👍'.repeat(MAX_REACTION_LENGTH) },
      { ...react, to: '' },
      { ...react, to: 'a/b/c/d/e' },
      { ...react, remove: false },
      { ...react, remove: 'yes' },
      { v: 1, type: 'reaction', reaction: '👍', sentAt: 1 },
    ];
    for (const value of bad)
      expect(decodeContent(enc(value)), JSON.stringify(value)).toBeUndefined();
  });

  it('refuses to encode a reaction that is not one emoji', () => {
    expect(() => encodeContent({ ...reaction, reaction: 'hi' })).toThrow(RangeError);
  });

  describe('edits, deletes, threads and mentions', () => {
    const A = 'a'.repeat(43);
    const B = 'b'.repeat(43);
    const ROOT = 'root-cmid-1';

    it('round-trips a threaded text with mentions', () => {
      const c = {
        type: 'text' as const,
        text: 'hi @Bea',
        thread: ROOT,
        mentions: [B],
        sentAt: 5,
      };
      expect(decodeContent(encodeContent(c))).toEqual(c);
    });

    it('round-trips an edit and a delete', () => {
      const edit = { type: 'edit' as const, to: ROOT, text: 'fixed', mentions: [A], sentAt: 6 };
      expect(decodeContent(encodeContent(edit))).toEqual(edit);
      const del = { type: 'delete' as const, to: ROOT, author: A, name: 'Ann', sentAt: 7 };
      expect(decodeContent(encodeContent(del))).toEqual(del);
    });

    it('refuses malformed edits, deletes, threads and mentions', () => {
      const bad = [
        { v: 1, type: 'edit', to: ROOT, text: '', sentAt: 1 },
        { v: 1, type: 'edit', to: 'x', text: 'short id', sentAt: 1 },
        { v: 1, type: 'edit', to: ROOT, text: 'x'.repeat(MAX_TEXT_LENGTH + 1), sentAt: 1 },
        { v: 1, type: 'delete', to: ROOT, sentAt: 1 },
        { v: 1, type: 'delete', to: ROOT, author: 'not-a-client-id', sentAt: 1 },
        { v: 1, type: 'text', text: 'x', thread: 'bad id!', sentAt: 1 },
        { v: 1, type: 'text', text: 'x', mentions: ['nope'], sentAt: 1 },
        { v: 1, type: 'text', text: 'x', mentions: Array(MAX_MENTIONS + 1).fill(A), sentAt: 1 },
      ];
      for (const value of bad) expect(decodeContent(enc(value))).toBeUndefined();
    });
  });

  it('decodes any JSON shaped like an edit, delete or threaded text to valid content or nothing', () => {
    const id = fc.oneof(fc.string({ maxLength: 70 }), fc.constant('a'.repeat(43)));
    const value = fc.record(
      {
        v: fc.oneof(fc.constant(1), fc.integer()),
        type: fc.constantFrom('text', 'edit', 'delete', 'reaction', 'nope'),
        to: id,
        author: id,
        text: fc.string({ maxLength: 40 }),
        thread: id,
        mentions: fc.array(id, { maxLength: 3 }),
        sentAt: fc.oneof(fc.nat(), fc.double()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(value, (v) => {
        const decoded = decodeContent(enc(v));
        // Whatever decodes encodes again: it is content the schema accepts.
        if (decoded) expect(decodeContent(encodeContent(decoded))).toEqual(decoded);
      }),
      { numRuns: 500 },
    );
  });
});
