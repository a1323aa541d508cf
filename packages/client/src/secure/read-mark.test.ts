import { describe, expect, it } from 'vitest';
import { encodeRoomSecrets } from './control-message.ts';
import { decodeReadMark, encodeReadMark } from './read-mark.ts';

describe('read marks', () => {
  it('round-trip a message ID', () => {
    expect(decodeReadMark(encodeReadMark('AbCdEfGh1234_-'))).toBe('AbCdEfGh1234_-');
  });

  it('refuse anything else: other controls, bad IDs, junk, oversized bodies', () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(decodeReadMark(encodeRoomSecrets({}))).toBeUndefined();
    expect(decodeReadMark(text('{"t":"read","upTo":"<img src=x>"}'))).toBeUndefined();
    expect(decodeReadMark(text('{"t":"read","upTo":42}'))).toBeUndefined();
    expect(decodeReadMark(text('null'))).toBeUndefined();
    expect(decodeReadMark(text('not json'))).toBeUndefined();
    expect(decodeReadMark(text(`{"t":"read","upTo":"${'a'.repeat(300)}"}`))).toBeUndefined();
    expect(() => encodeReadMark('short')).toThrow(RangeError);
  });
});
