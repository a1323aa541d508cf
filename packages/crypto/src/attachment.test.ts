import { describe, expect, it } from 'vitest';
import { decryptAttachment, encryptAttachment } from './attachment.ts';
import { isCryptoError } from './crypto-error.ts';

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    return isCryptoError(err) ? err.code : `untyped: ${String(err)}`;
  }
}

describe('attachments', () => {
  const file = crypto.getRandomValues(new Uint8Array(5000));

  it('round-trips with a fresh key per file; ciphertext hides the plaintext', async () => {
    const a = await encryptAttachment(file);
    const b = await encryptAttachment(file);
    expect(a.size).toBe(5000);
    expect(a.key).toHaveLength(32);
    expect(a.key).not.toEqual(b.key);
    expect(a.ciphertext).not.toEqual(b.ciphertext);
    expect(a.ciphertext.length).toBe(5000 + 12 + 16);
    expect(await decryptAttachment(a.ciphertext, a)).toEqual(file);
  });

  it('rejects a swapped blob, a flipped bit, a wrong key or a wrong size', async () => {
    const a = await encryptAttachment(file);
    const other = await encryptAttachment(file);
    expect(await code(decryptAttachment(other.ciphertext, a))).toBe('TAMPERED');
    const flipped = a.ciphertext.slice();
    flipped[100]! ^= 1;
    expect(await code(decryptAttachment(flipped, a))).toBe('TAMPERED');
    // Right blob and hash, wrong key: AES-GCM refuses.
    expect(await code(decryptAttachment(a.ciphertext, { ...a, key: other.key }))).toBe('TAMPERED');
    expect(await code(decryptAttachment(a.ciphertext, { ...a, size: a.size + 1 }))).toBe(
      'TAMPERED',
    );
  });

  it('handles an empty file', async () => {
    const empty = await encryptAttachment(new Uint8Array(0));
    expect(await decryptAttachment(empty.ciphertext, empty)).toEqual(new Uint8Array(0));
  });
});
