import { describe, expect, it } from 'vitest';
import { fromHex, toBase64Url } from './bytes.ts';
import { isCryptoError } from './crypto-error.ts';
import { createIdentity } from './identity.ts';
import {
  type BackupKdf,
  DEFAULT_BACKUP_KDF,
  exportIdentity,
  importIdentity,
} from './identity-backup.ts';

const FAST_SCRYPT: BackupKdf = { name: 'scrypt', N: 1024, r: 8, p: 1 };
const FAST_ARGON: BackupKdf = { name: 'argon2id', m: 1024, t: 1, p: 1 };
const PASS = 'correct horse battery staple';

// Made once by exportIdentity for the RFC 8032 test key 1; must keep importing forever.
const SCRYPT_BLOB =
  '{"v":1,"clientId":"If4x36FUomFia_hUBG_SJxt77UtqvkWqWId-9H-XIbk","kdf":{"name":"scrypt","N":1024,"r":8,"p":1},"salt":"K4TI-NTTUgk2eokMFz6FOQ","nonce":"zjiA2pcGxp9ACsK4","ciphertext":"-i_X8g4uR_JOO8TjcGvnooqrYvjPR080kpO78DSDLkTC8JE1HEaFbgKOKIaP7uhK"}';
const ARGON_BLOB =
  '{"v":1,"clientId":"If4x36FUomFia_hUBG_SJxt77UtqvkWqWId-9H-XIbk","kdf":{"name":"argon2id","m":1024,"t":1,"p":1},"salt":"-SO3Myq8rzmked5ihzHIHg","nonce":"9wmrPzeijLbhGVV3","ciphertext":"4Fl-uS1ctZFcnz8eoSqXYaIpEHUN78KWZJk-4lrvmsmMh9-LnMelSkS7qzAvochW"}';
const RFC8032_SECRET = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    return isCryptoError(err) ? err.code : `untyped: ${String(err)}`;
  }
}

describe('identity backup', () => {
  it('decrypts the fixed scrypt and Argon2id blobs to the known key', async () => {
    for (const blob of [SCRYPT_BLOB, ARGON_BLOB]) {
      const id = await importIdentity(blob, PASS);
      expect(id.secretKey).toEqual(RFC8032_SECRET);
      expect(id.clientId).toBe('If4x36FUomFia_hUBG_SJxt77UtqvkWqWId-9H-XIbk');
    }
  });

  it('round-trips with both KDFs; the default is scrypt N=2^17, r=8, p=1', async () => {
    expect(DEFAULT_BACKUP_KDF).toEqual({ name: 'scrypt', N: 131072, r: 8, p: 1 });
    const id = createIdentity();
    for (const kdf of [FAST_SCRYPT, FAST_ARGON]) {
      const blob = await exportIdentity(id, 'pässword', { kdf });
      expect(blob).not.toContain(toBase64Url(id.secretKey));
      const back = await importIdentity(blob, 'pässword');
      expect(back.secretKey).toEqual(id.secretKey);
      expect(back.clientId).toBe(id.clientId);
    }
  });

  it('a wrong passphrase is a typed WRONG_PASSPHRASE error', async () => {
    expect(await code(importIdentity(SCRYPT_BLOB, 'wrong'))).toBe('WRONG_PASSPHRASE');
    expect(await code(importIdentity(ARGON_BLOB, `${PASS} `))).toBe('WRONG_PASSPHRASE');
  });

  it('a tampered header, ciphertext or client ID does not import', async () => {
    const edits: Array<(b: Record<string, unknown>) => void> = [
      (b) => {
        b.clientId = createIdentity().clientId;
      },
      (b) => {
        b.salt = 'AAAAAAAAAAAAAAAAAAAAAA';
      },
      (b) => {
        const ct = b.ciphertext as string;
        b.ciphertext = (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1);
      },
    ];
    for (const edit of edits) {
      const b = JSON.parse(SCRYPT_BLOB);
      edit(b);
      expect(await code(importIdentity(JSON.stringify(b), PASS))).toBe('WRONG_PASSPHRASE');
    }
  });

  it('garbage and hostile KDF settings give DECODE_FAILED, not a hang', async () => {
    const hostile = JSON.parse(SCRYPT_BLOB);
    hostile.kdf.N = 2 ** 30;
    for (const text of ['', 'null', '[]', '{"v":2}', JSON.stringify(hostile), 'x'.repeat(5000)]) {
      expect(await code(importIdentity(text, PASS))).toBe('DECODE_FAILED');
    }
  });
});
