import type { Hpke } from 'ts-mls';
import { CryptoError as MlsCryptoError } from 'ts-mls/mlsError.js';

const EMPTY = new Uint8Array(0);

/**
 * AES-GCM for MLS messages through Web Crypto, as ts-mls's own suite does it, with less
 * around each call: every message key is new, so each seal is one `importKey` and one
 * `encrypt`, called directly with the caller's arrays (ts-mls goes through three nested
 * async functions and an ArrayBuffer check per argument; ~8 % of a message's main-thread
 * time in Chromium, bench/README.md "MLS"). A failed open throws ts-mls's CryptoError,
 * as ts-mls's own code does, so error mapping is unchanged.
 */
export function webCryptoAesGcm(subtle: SubtleCrypto): Pick<Hpke, 'encryptAead' | 'decryptAead'> {
  return {
    async encryptAead(key, nonce, aad, plaintext) {
      const cryptoKey = await subtle.importKey(
        'raw',
        key as Uint8Array<ArrayBuffer>,
        'AES-GCM',
        false,
        ['encrypt'],
      );
      const params = {
        name: 'AES-GCM',
        iv: nonce as Uint8Array<ArrayBuffer>,
        additionalData: (aad ?? EMPTY) as Uint8Array<ArrayBuffer>,
      };
      return new Uint8Array(
        await subtle.encrypt(params, cryptoKey, plaintext as Uint8Array<ArrayBuffer>),
      );
    },
    async decryptAead(key, nonce, aad, ciphertext) {
      try {
        const cryptoKey = await subtle.importKey(
          'raw',
          key as Uint8Array<ArrayBuffer>,
          'AES-GCM',
          false,
          ['decrypt'],
        );
        const params = {
          name: 'AES-GCM',
          iv: nonce as Uint8Array<ArrayBuffer>,
          additionalData: (aad ?? EMPTY) as Uint8Array<ArrayBuffer>,
        };
        return new Uint8Array(
          await subtle.decrypt(params, cryptoKey, ciphertext as Uint8Array<ArrayBuffer>),
        );
      } catch (err) {
        throw new MlsCryptoError(`${err}`);
      }
    },
  };
}
