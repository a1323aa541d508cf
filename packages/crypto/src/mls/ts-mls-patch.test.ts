import { expand } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { expandWithLabel } from 'ts-mls/crypto/kdf.js';
import { enumNumberToKey, reverseMap } from 'ts-mls/util/enumHelpers.js';
import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../bytes.ts';
import { pureJsKdf } from './paths/pure-js-primitives.ts';

/**
 * patches/ts-mls+1.6.4.patch (applied by `patch-package` on install) memoises ts-mls's enum
 * tables (unpatched, every decoded enum value rebuilt its table, a third of a joiner's CPU
 * at 200 members) and the bytes of its "MLS 1.0 <label>" strings (a TextEncoder per
 * derivation and signature). If this fails, `npm install` did not run the root postinstall.
 */
describe('the ts-mls patch', () => {
  const RealTextEncoder = globalThis.TextEncoder;
  afterEach(() => {
    globalThis.TextEncoder = RealTextEncoder;
  });

  it('builds each enum table once and decodes exactly as before', () => {
    const colours = { red: 1, green: 2 } as const;
    expect(reverseMap(colours)).toBe(reverseMap(colours));
    expect(reverseMap(colours)).toEqual({ 1: 'red', 2: 'green' });
    const decode = enumNumberToKey(colours);
    expect(decode(1)).toBe('red');
    expect(decode(2)).toBe('green');
    expect(decode(3)).toBeUndefined();
  });

  it('encodes a label once and still derives the RFC 9420 ExpandWithLabel bytes', async () => {
    const secret = new Uint8Array(32).fill(7);
    const context = new Uint8Array([1, 2, 3]);
    await expandWithLabel(secret, 'yam patch test', context, 16, pureJsKdf);
    let built = 0;
    globalThis.TextEncoder = class extends RealTextEncoder {
      constructor() {
        super();
        built++;
      }
    };
    const derived = await expandWithLabel(secret, 'yam patch test', context, 16, pureJsKdf);
    expect(built).toBe(0);
    // KDFLabel = uint16 length | opaque label<V> ("MLS 1.0 " + label) | opaque context<V>.
    const label = new RealTextEncoder().encode('MLS 1.0 yam patch test');
    const info = new Uint8Array([0, 16, label.length, ...label, context.length, ...context]);
    expect(toHex(derived)).toBe(toHex(expand(sha256, secret, info, 16)));
  });
});
