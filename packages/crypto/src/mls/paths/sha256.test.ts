import { expand, extract } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8 } from '../../bytes.ts';
import { hkdfExpand, hkdfExtract, hmacSha256, sha256 } from './sha256.ts';

describe('SHA-256, HMAC and HKDF for MLS (sha256.ts)', () => {
  it('hashes the FIPS 180-4 examples, including the two-block and million-byte ones', () => {
    expect(toHex(sha256(new Uint8Array()))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(toHex(sha256(utf8('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(toHex(sha256(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(toHex(sha256(new Uint8Array(1_000_000).fill(0x61)))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('MACs the RFC 4231 cases 1, 2 and 6 (a key longer than a block)', () => {
    expect(toHex(hmacSha256(new Uint8Array(20).fill(0x0b), utf8('Hi There')))).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
    expect(toHex(hmacSha256(utf8('Jefe'), utf8('what do ya want for nothing?')))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    const long = utf8('Test Using Larger Than Block-Size Key - Hash Key First');
    expect(toHex(hmacSha256(new Uint8Array(131).fill(0xaa), long))).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
  });

  it('derives the RFC 5869 case 1 and 3 answers (42 bytes: two blocks, cut)', () => {
    const ikm = new Uint8Array(22).fill(0x0b);
    const prk = hkdfExtract(fromHex('000102030405060708090a0b0c'), ikm);
    expect(toHex(prk)).toBe('077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5');
    expect(toHex(hkdfExpand(prk, fromHex('f0f1f2f3f4f5f6f7f8f9'), 42))).toBe(
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    );
    const prk3 = hkdfExtract(new Uint8Array(), ikm);
    expect(toHex(prk3)).toBe('19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04');
    expect(toHex(hkdfExpand(prk3, new Uint8Array(), 42))).toBe(
      '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
    );
  });

  it('refuses HKDF lengths RFC 5869 does not allow and a PRK shorter than the hash', () => {
    expect(() => hkdfExpand(new Uint8Array(32), new Uint8Array(), 255 * 32 + 1)).toThrow(
      RangeError,
    );
    expect(() => hkdfExpand(new Uint8Array(32), new Uint8Array(), -1)).toThrow(RangeError);
    // A PRK shorter than the hash: refused, as @noble/hashes refuses it.
    expect(() => hkdfExpand(new Uint8Array(31), new Uint8Array(), 32)).toThrow(RangeError);
    expect(() => expand(nobleSha256, new Uint8Array(31), new Uint8Array(), 32)).toThrow();
    expect(hkdfExpand(new Uint8Array(32), new Uint8Array(), 255 * 32)).toHaveLength(8160);
  });

  it('agrees with @noble/hashes on random inputs around every block boundary', () => {
    const bytes = fc.uint8Array({ minLength: 0, maxLength: 200 });
    fc.assert(
      fc.property(bytes, bytes, bytes, fc.integer({ min: 0, max: 300 }), (a, b, c, len) => {
        expect(toHex(sha256(a))).toBe(toHex(nobleSha256(a)));
        expect(toHex(hmacSha256(a, b))).toBe(toHex(hmac(nobleSha256, a, b)));
        const prk = hkdfExtract(a, b);
        expect(toHex(prk)).toBe(toHex(extract(nobleSha256, b, a)));
        expect(toHex(hkdfExpand(prk, c, len))).toBe(toHex(expand(nobleSha256, prk, c, len)));
        // Any PRK of 32 bytes or more (longer than a block: hashed first, as HMAC says).
        const key = new Uint8Array([...a, ...new Uint8Array(32)]);
        expect(toHex(hkdfExpand(key, c, len))).toBe(toHex(expand(nobleSha256, key, c, len)));
      }),
      { numRuns: 400 },
    );
    for (let n = 0; n <= 130; n++) {
      const data = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
      expect(toHex(sha256(data))).toBe(toHex(nobleSha256(data)));
    }
  });
});
