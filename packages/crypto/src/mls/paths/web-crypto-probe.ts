import { fromHex as hex, toHex } from '../../bytes.ts';
import { webCryptoEd25519 } from './ed25519-web-crypto.ts';

/** RFC 8032 section 7.1, test 2: a one-byte message. */
const RFC8032_TEST2 = {
  secretKey: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
  publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
  message: '72',
  signature:
    '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da' +
    '085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
} as const;

let probed: Promise<boolean> | undefined;

/**
 * Whether this platform's Web Crypto signs and verifies Ed25519 exactly as RFC 8032 says
 * (a known answer, and a tampered signature refused). Probed once; false on any error,
 * so a browser without Ed25519 in Web Crypto falls back to the pure-JS path.
 */
export function webCryptoEd25519Works(subtle: SubtleCrypto): Promise<boolean> {
  probed ??= probe(subtle);
  return probed;
}

async function probe(subtle: SubtleCrypto): Promise<boolean> {
  try {
    const ed = webCryptoEd25519(subtle);
    const v = RFC8032_TEST2;
    const signature = await ed.sign(hex(v.secretKey), hex(v.message));
    if (toHex(signature) !== v.signature) return false;
    if (!(await ed.verify(hex(v.publicKey), hex(v.message), signature))) return false;
    const tampered = signature.slice();
    tampered[0]! ^= 1;
    return !(await ed.verify(hex(v.publicKey), hex(v.message), tampered));
  } catch {
    return false;
  }
}
