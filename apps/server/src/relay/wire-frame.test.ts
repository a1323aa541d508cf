import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { WireFrame } from './wire-frame.ts';

type Frame = (data: Buffer, options: object) => Buffer[];
const Sender = createRequire(import.meta.url)('ws').Sender as { frame: Frame };

/** What ws itself writes for a text message sent by a server (unmasked, no compression). */
function wsBytes(text: string): Buffer {
  const options = { fin: true, rsv1: false, opcode: 1, mask: false, readOnly: false };
  return Buffer.concat(Sender.frame(Buffer.from(text), options));
}

describe('WireFrame', () => {
  it.each([0, 1, 125, 126, 127, 65535, 65536, 300_000])(
    'is byte for byte what ws writes (%i bytes, 7/16/64-bit lengths)',
    (size) => {
      const text = 'a'.repeat(size);
      expect(new WireFrame(text).bytes.equals(wsBytes(text))).toBe(true);
    },
  );

  it('counts UTF-8 bytes, not characters', () => {
    const text = `{"t":"msg","x":"${'é'.repeat(70)}"}`;
    expect(new WireFrame(text).bytes.equals(wsBytes(text))).toBe(true);
  });

  it('encodes once', () => {
    const frame = new WireFrame('{"t":"msg"}');
    expect(frame.bytes).toBe(frame.bytes);
    expect(String(frame)).toBe('{"t":"msg"}');
  });
});
