import type { Signature } from 'ts-mls';
import { equalBytes } from '../../bytes.ts';

/** The DER prefix of a PKCS #8 Ed25519 private key; the 32-byte seed follows it. */
const PKCS8_ED25519_PREFIX = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

type CachedKey = { readonly bytes: Uint8Array; readonly key: Promise<CryptoKey> };

/**
 * Ed25519 for MLS through Web Crypto (`crypto.subtle`), with the same raw 32-byte keys the
 * pure-JS path uses. Importing a key costs about as much as a signature, so each imported
 * key is kept, non-extractable, beside the very Uint8Array ts-mls hands in (a group state
 * keeps its key arrays across messages); a hit also compares the bytes, so an array
 * changed in place is imported again rather than signing with a stale key.
 */
export function webCryptoEd25519(subtle: SubtleCrypto): Signature {
  const signKeys = new WeakMap<Uint8Array, CachedKey>();
  const verifyKeys = new WeakMap<Uint8Array, CachedKey>();

  const cached = (
    cache: WeakMap<Uint8Array, CachedKey>,
    bytes: Uint8Array,
    load: (copy: Uint8Array<ArrayBuffer>) => Promise<CryptoKey>,
  ): Promise<CryptoKey> => {
    const hit = cache.get(bytes);
    if (hit !== undefined && equalBytes(hit.bytes, bytes)) return hit.key;
    const copy = bytes.slice();
    const key = load(copy);
    // A key that fails to import is not kept: the next call tries (and fails) again.
    key.catch(() => cache.delete(bytes));
    cache.set(bytes, { bytes: copy, key });
    return key;
  };

  const signKey = (seed: Uint8Array) =>
    cached(signKeys, seed, (copy) => {
      if (copy.length !== 32) throw new RangeError('an Ed25519 secret key is 32 bytes');
      const pkcs8 = new Uint8Array(PKCS8_ED25519_PREFIX.length + 32);
      pkcs8.set(PKCS8_ED25519_PREFIX);
      pkcs8.set(copy, PKCS8_ED25519_PREFIX.length);
      const key = subtle.importKey('pkcs8', pkcs8, 'Ed25519', false, ['sign']);
      pkcs8.fill(0);
      return key;
    });

  const verifyKey = (publicKey: Uint8Array) =>
    cached(verifyKeys, publicKey, (copy) =>
      subtle.importKey('raw', copy, 'Ed25519', false, ['verify']),
    );

  return {
    async sign(seed, message) {
      const key = await signKey(seed);
      return new Uint8Array(await subtle.sign('Ed25519', key, message as Uint8Array<ArrayBuffer>));
    },
    async verify(publicKey, message, signature) {
      if (publicKey.length !== 32 || signature.length !== 64) return false;
      try {
        const key = await verifyKey(publicKey);
        return await subtle.verify(
          'Ed25519',
          key,
          signature as Uint8Array<ArrayBuffer>,
          message as Uint8Array<ArrayBuffer>,
        );
      } catch {
        return false;
      }
    },
    async keygen() {
      // MLS needs the raw seed in the group state (it is serialised with it), so this one
      // pair is generated extractable, exported once and dropped.
      const pair = (await subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
      const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey));
      const signKey = pkcs8.slice(PKCS8_ED25519_PREFIX.length);
      pkcs8.fill(0);
      const publicKey = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
      return { signKey, publicKey };
    },
  };
}
