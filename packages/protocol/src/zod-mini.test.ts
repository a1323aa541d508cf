import { describe, expect, it } from 'vitest';
import { decodeClientFrame, decodeServerFrame } from './codec.ts';
import { ErrorCode, YamError } from './errors.ts';
import { ClientId, Cursor, Seq } from './ids.ts';

/**
 * The schemas are written with `zod/mini` (the same zod 4 core, without the chaining API),
 * so the web app's bundle does not carry classic zod. These cases pin the constructs the
 * rewrite touched: object-level refinements, safe-integer numbers, URL formats, `extend`,
 * and the error codes the codec derives from zod's issues. apps/web/src/zod-mini.test.ts
 * checks that no classic zod import comes back into the app's code.
 */
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof YamError ? err.code : 'not a YamError';
  }
  return undefined;
};

describe('protocol schemas on zod/mini', () => {
  it('keeps the object-level rule: hist takes after or before, not both', () => {
    const hist = { t: 'hist', rid: 1, room: 'r1' };
    expect(decodeClientFrame(JSON.stringify({ ...hist, after: 3 }))).toMatchObject({ after: 3 });
    expect(codeOf(() => decodeClientFrame(JSON.stringify({ ...hist, after: 3, before: 9 })))).toBe(
      ErrorCode.BadFrame,
    );
  });

  it('takes only safe integers in range for numbers marked int', () => {
    expect(Seq.safeParse(1).success).toBe(true);
    expect(Seq.safeParse(0).success).toBe(false);
    expect(Seq.safeParse(1.5).success).toBe(false);
    expect(Cursor.safeParse(2 ** 53).success).toBe(false);
    expect(Cursor.safeParse(Number.NaN).success).toBe(false);
    expect(ClientId.safeParse('a'.repeat(43)).success).toBe(true);
    expect(ClientId.safeParse('a'.repeat(42)).success).toBe(false);
  });

  it('refuses a push endpoint that is not a URL, and one too long', () => {
    const sub = {
      t: 'push.subscribe',
      rid: 1,
      p256dh: 'a'.repeat(87),
      auth: 'a'.repeat(22),
      rooms: ['r1'],
    };
    const ok = { ...sub, endpoint: 'https://push.example/abc' };
    expect(decodeClientFrame(JSON.stringify(ok))).toMatchObject({ endpoint: ok.endpoint });
    expect(codeOf(() => decodeClientFrame(JSON.stringify({ ...sub, endpoint: 'not a url' })))).toBe(
      ErrorCode.BadFrame,
    );
    const long = { ...sub, endpoint: `https://push.example/${'a'.repeat(5000)}` };
    expect(codeOf(() => decodeClientFrame(JSON.stringify(long)))).toBeDefined();
  });

  it('extends a stored message into a msg event and strips unknown keys', () => {
    const msg = {
      t: 'msg',
      room: 'r1',
      seq: 4,
      from: 'a'.repeat(43),
      cmid: 'abcdefgh',
      payload: 'AAAA',
      ts: 1,
      extra: 'dropped',
    };
    const decoded = decodeServerFrame(JSON.stringify(msg));
    expect(decoded).toMatchObject({ t: 'msg', seq: 4 });
    expect('extra' in decoded).toBe(false);
  });

  it('names the broken rule once the English texts are loaded (the server loads them)', async () => {
    await import('./english-errors.ts');
    const frame = JSON.stringify({ t: 'sub', rid: 1, room: 'x'.repeat(129) });
    expect(() => decodeClientFrame(frame)).toThrow(/at room: Too big/);
  });
});
