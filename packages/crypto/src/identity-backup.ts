import { argon2idAsync } from '@noble/hashes/argon2.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { buffer, fromBase64Url, toBase64Url, utf8 } from './bytes.ts';
import { CryptoError } from './crypto-error.ts';
import { type DeviceIdentity, identityFromSecretKey } from './identity.ts';

/** Key-derivation settings, stored in the backup so import can repeat them. */
export type BackupKdf =
  | { readonly name: 'scrypt'; readonly N: number; readonly r: number; readonly p: number }
  | { readonly name: 'argon2id'; readonly m: number; readonly t: number; readonly p: number };

/** Defaults: scrypt N=2^17, r=8, p=1 (128 MiB, about a second in a browser). */
export const DEFAULT_BACKUP_KDF: BackupKdf = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 };

/** An identity backup: versioned JSON, the secret key sealed with AES-256-GCM. */
export type IdentityBackup = {
  readonly v: 1;
  readonly clientId: string;
  readonly kdf: BackupKdf;
  readonly salt: string;
  readonly nonce: string;
  readonly ciphertext: string;
};

/**
 * Exports the device identity encrypted under a passphrase. The client ID stays readable
 * (it is public) so the importing browser can say whose identity this is.
 */
export async function exportIdentity(
  identity: DeviceIdentity,
  passphrase: string,
  options: { kdf?: BackupKdf } = {},
): Promise<string> {
  const kdf = options.kdf ?? DEFAULT_BACKUP_KDF;
  checkKdf(kdf);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const nonce = crypto.getRandomValues(new Uint8Array(12));
  const header = {
    v: 1 as const,
    clientId: identity.clientId,
    kdf,
    salt: toBase64Url(salt),
    nonce: toBase64Url(nonce),
  };
  const key = await deriveKey(passphrase, salt, kdf, 'encrypt');
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: aad(header) },
    key,
    buffer(identity.secretKey),
  );
  const backup: IdentityBackup = { ...header, ciphertext: toBase64Url(new Uint8Array(sealed)) };
  return JSON.stringify(backup);
}

/** Imports a backup; WRONG_PASSPHRASE when the passphrase (or the backup) is wrong. */
export async function importIdentity(text: string, passphrase: string): Promise<DeviceIdentity> {
  const backup = parseBackup(text);
  const key = await deriveKey(passphrase, fromBase64Url(backup.salt), backup.kdf, 'decrypt');
  let secretKey: Uint8Array;
  try {
    secretKey = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: buffer(fromBase64Url(backup.nonce)), additionalData: aad(backup) },
        key,
        buffer(fromBase64Url(backup.ciphertext)),
      ),
    );
  } catch (cause) {
    throw new CryptoError('WRONG_PASSPHRASE', 'wrong passphrase or damaged backup', { cause });
  }
  const identity = identityFromSecretKey(secretKey);
  if (identity.clientId !== backup.clientId) {
    throw new CryptoError('TAMPERED', 'backup key does not match its client ID');
  }
  return identity;
}

/** Everything but the ciphertext is authenticated as AES-GCM associated data. */
function aad(h: Omit<IdentityBackup, 'ciphertext'>): Uint8Array<ArrayBuffer> {
  const kdf =
    h.kdf.name === 'scrypt'
      ? `scrypt:${h.kdf.N}:${h.kdf.r}:${h.kdf.p}`
      : `argon2id:${h.kdf.m}:${h.kdf.t}:${h.kdf.p}`;
  return buffer(utf8(`yam-backup-v${h.v}\n${h.clientId}\n${kdf}\n${h.salt}\n${h.nonce}`));
}

async function deriveKey(
  passphrase: string,
  salt: Uint8Array,
  kdf: BackupKdf,
  use: 'encrypt' | 'decrypt',
): Promise<CryptoKey> {
  const password = utf8(passphrase.normalize('NFKC'));
  const raw =
    kdf.name === 'scrypt'
      ? await scryptAsync(password, salt, { N: kdf.N, r: kdf.r, p: kdf.p, dkLen: 32 })
      : await argon2idAsync(password, salt, { m: kdf.m, t: kdf.t, p: kdf.p, dkLen: 32 });
  return crypto.subtle.importKey('raw', buffer(raw), 'AES-GCM', false, [use]);
}

/** Bounds on stored KDF settings: a hostile backup must not make import hang or OOM. */
function checkKdf(kdf: BackupKdf): void {
  const ok =
    kdf.name === 'scrypt'
      ? isPow2(kdf.N) &&
        kdf.N >= 2 ** 10 &&
        kdf.N <= 2 ** 20 &&
        inRange(kdf.r, 1, 16) &&
        inRange(kdf.p, 1, 4)
      : inRange(kdf.m, 1024, 1024 * 1024) && inRange(kdf.t, 1, 10) && inRange(kdf.p, 1, 4);
  if (!ok) throw new CryptoError('DECODE_FAILED', 'backup KDF settings out of range');
}

function parseBackup(text: string): IdentityBackup {
  if (typeof text !== 'string' || text.length > 4096) {
    throw new CryptoError('DECODE_FAILED', 'not an identity backup');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new CryptoError('DECODE_FAILED', 'not an identity backup', { cause });
  }
  const b = value as Record<string, unknown> | null;
  const kdf = (b?.kdf ?? null) as Record<string, unknown> | null;
  const fieldsOk =
    b !== null &&
    typeof b === 'object' &&
    b.v === 1 &&
    typeof b.clientId === 'string' &&
    typeof b.salt === 'string' &&
    typeof b.nonce === 'string' &&
    typeof b.ciphertext === 'string' &&
    kdf !== null &&
    typeof kdf === 'object';
  if (!fieldsOk) throw new CryptoError('DECODE_FAILED', 'not an identity backup');
  const parsedKdf: BackupKdf =
    kdf.name === 'scrypt'
      ? { name: 'scrypt', N: Number(kdf.N), r: Number(kdf.r), p: Number(kdf.p) }
      : kdf.name === 'argon2id'
        ? { name: 'argon2id', m: Number(kdf.m), t: Number(kdf.t), p: Number(kdf.p) }
        : failKdf();
  checkKdf(parsedKdf);
  try {
    if (
      fromBase64Url(b.salt as string).length !== 16 ||
      fromBase64Url(b.nonce as string).length !== 12
    ) {
      throw new RangeError('bad salt or nonce length');
    }
    fromBase64Url(b.ciphertext as string);
  } catch (cause) {
    throw new CryptoError('DECODE_FAILED', 'not an identity backup', { cause });
  }
  return {
    v: 1,
    clientId: b.clientId as string,
    kdf: parsedKdf,
    salt: b.salt as string,
    nonce: b.nonce as string,
    ciphertext: b.ciphertext as string,
  };
}

function failKdf(): never {
  throw new CryptoError('DECODE_FAILED', 'unknown backup KDF');
}

function isPow2(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

function inRange(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}
