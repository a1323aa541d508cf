import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeClientFrame, decodeServerFrame, encodeFrame } from './codec.ts';
import { ErrorCode, isYamError, YamError } from './errors.ts';
import { base64UrlLength, LIMITS } from './limits.ts';

const room = 'room-1';
const cmid = 'abcdefgh12345678';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(YamError);
    return (error as YamError).code;
  }
}

describe('decodeClientFrame', () => {
  it('[P-V1] parses each client message kind', () => {
    const pub = { t: 'pub', rid: 7, room, cmid, payload: 'AAEC' } as const;
    expect(decodeClientFrame(JSON.stringify(pub))).toEqual(pub);
    expect(decodeClientFrame(JSON.stringify({ t: 'sub', rid: 1, room }))).toEqual({
      t: 'sub',
      rid: 1,
      room,
    });
    const hist = { t: 'hist', rid: 2, room, after: 0, limit: 10 };
    expect(decodeClientFrame(JSON.stringify(hist))).toEqual(hist);
  });

  it('[P-ERR2] rejects non-JSON, unknown kinds and schema failures with BAD_FRAME', () => {
    expect(codeOf(() => decodeClientFrame('not json'))).toBe(ErrorCode.BadFrame);
    expect(codeOf(() => decodeClientFrame('{"t":"nope"}'))).toBe(ErrorCode.BadFrame);
    expect(codeOf(() => decodeClientFrame('[]'))).toBe(ErrorCode.BadFrame);
    expect(codeOf(() => decodeClientFrame('null'))).toBe(ErrorCode.BadFrame);
    expect(codeOf(() => decodeClientFrame(new Uint8Array([0xff, 0xfe, 0x00])))).toBe(
      ErrorCode.BadFrame,
    );
    const badRoom = { t: 'sub', rid: 1, room: 'has space' };
    expect(codeOf(() => decodeClientFrame(JSON.stringify(badRoom)))).toBe(ErrorCode.BadFrame);
  });

  it('[P-ERR2] keeps the rid of an invalid request so the error can be matched', () => {
    try {
      decodeClientFrame(JSON.stringify({ t: 'pub', rid: 42, room, cmid: 'short', payload: '' }));
      expect.unreachable();
    } catch (error) {
      expect(isYamError(error, ErrorCode.BadFrame)).toBe(true);
      expect((error as YamError).rid).toBe(42);
    }
  });

  it('[P-HIST1] refuses after and before together', () => {
    const frame = JSON.stringify({ t: 'hist', rid: 1, room, after: 1, before: 5 });
    expect(codeOf(() => decodeClientFrame(frame))).toBe(ErrorCode.BadFrame);
  });

  it('[P-LIM1] refuses an oversized frame before parsing it', () => {
    const big = `{"t":"sub","rid":1,"room":"${'a'.repeat(LIMITS.maxFrameBytes)}"}`;
    expect(codeOf(() => decodeClientFrame(big))).toBe(ErrorCode.FrameTooLarge);
    // Multi-byte text counts in bytes, not characters.
    const wide = 'é'.repeat(LIMITS.maxFrameBytes / 2 + 1);
    expect(codeOf(() => decodeClientFrame(wide))).toBe(ErrorCode.FrameTooLarge);
  });

  it('[P-LIM2] an over-long payload is PAYLOAD_TOO_LARGE', () => {
    const payload = 'A'.repeat(base64UrlLength(LIMITS.maxPayloadBytes) + 4);
    const frame = JSON.stringify({ t: 'pub', rid: 3, room, cmid, payload });
    expect(codeOf(() => decodeClientFrame(frame))).toBe(ErrorCode.PayloadTooLarge);
  });

  it('[P-ERR2] ignores unknown fields and __proto__ keys', () => {
    const frame = '{"t":"sub","rid":1,"room":"r","extra":1,"__proto__":{"polluted":true}}';
    const message = decodeClientFrame(frame);
    expect(message).toEqual({ t: 'sub', rid: 1, room: 'r' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('[P-ERR2] any string decodes to a message or a typed error, never anything else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        try {
          decodeClientFrame(text);
        } catch (error) {
          expect(error).toBeInstanceOf(YamError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('[P-ERR2] mutated valid frames decode or fail with a typed error', () => {
    const valid = JSON.stringify({ t: 'pub', rid: 1, room, cmid, payload: 'AAEC' });
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.string({ maxLength: 3 }), (at, insert) => {
        const text = valid.slice(0, at) + insert + valid.slice(at + 1);
        try {
          decodeClientFrame(text);
        } catch (error) {
          expect(error).toBeInstanceOf(YamError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('decodeServerFrame', () => {
  it('round-trips server events through encodeFrame', () => {
    const ack = {
      t: 'ack',
      rid: 1,
      room,
      cmid,
      seq: 3,
      ts: 1_700_000_000_000,
      duplicate: false,
    } as const;
    expect(decodeServerFrame(encodeFrame(ack as never))).toEqual(ack);
    const error = { t: 'error', code: 'RATE_LIMITED', message: 'slow down', retryAfterMs: 50 };
    expect(decodeServerFrame(JSON.stringify(error))).toEqual(error);
  });

  it('refuses an unknown error code', () => {
    const frame = JSON.stringify({ t: 'error', code: 'NOPE', message: 'x' });
    expect(codeOf(() => decodeServerFrame(frame))).toBe(ErrorCode.BadFrame);
  });
});
