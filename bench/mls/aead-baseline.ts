import { sameBytes } from './bench-payloads.ts';
import { timed } from './bench-timing.ts';

/** Bare AES-128-GCM over the same payloads: the floor that MLS's per-message cost sits on. */
export type AeadBaseline = {
  readonly encryptMs: number;
  readonly decryptMs: number;
  /** Ciphertext + tag + 12-byte nonce of the first payload. */
  readonly ciphertextBytes: number;
};

/**
 * Encrypts then decrypts every payload one by one with WebCrypto AES-128-GCM (one key, a
 * fresh random nonce each), awaiting each call as the MLS loop does. Throws if a payload
 * does not come back intact, so a broken baseline never prints a figure.
 */
export async function aeadBaseline(
  payloads: readonly Uint8Array<ArrayBuffer>[],
): Promise<AeadBaseline> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.generateKey({ name: 'AES-GCM', length: 128 }, false, [
    'encrypt',
    'decrypt',
  ]);
  const sealed = await timed(async () => {
    const out: { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer }[] = [];
    for (const payload of payloads) {
      const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
      out.push({ iv, data: await subtle.encrypt({ name: 'AES-GCM', iv }, key, payload) });
    }
    return out;
  });
  const opened = await timed(async () => {
    const out: ArrayBuffer[] = [];
    for (const { iv, data } of sealed.value) {
      out.push(await subtle.decrypt({ name: 'AES-GCM', iv }, key, data));
    }
    return out;
  });
  opened.value.forEach((plain, i) => {
    if (!sameBytes(new Uint8Array(plain), payloads[i]!))
      throw new Error(`AEAD payload ${i} changed`);
  });
  return {
    encryptMs: sealed.ms,
    decryptMs: opened.ms,
    ciphertextBytes: (sealed.value[0]?.data.byteLength ?? 0) + 12,
  };
}
