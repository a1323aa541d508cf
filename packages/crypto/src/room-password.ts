import { scryptAsync } from '@noble/hashes/scrypt.js';
import { LABELS } from './labels.ts';

/**
 * scrypt cost of a room password: 2^15 × 8 × 128 B = 32 MiB and tens of ms per guess, so a
 * relay holding a join MAC cannot test passwords cheaply.
 */
export const PASSWORD_SCRYPT = { N: 2 ** 15, r: 8, p: 1, dkLen: 32 } as const;

/**
 * The key a room password stands for: scrypt(password, salt = room ID). Members keep it
 * (never the password) and check join MACs with it like with an invite key; the server
 * never sees either.
 */
export function roomPasswordKey(password: string, room: string): Promise<Uint8Array> {
  const salt = new TextEncoder().encode(`${LABELS.roomPassword}${room}`);
  return scryptAsync(password.normalize('NFC'), salt, PASSWORD_SCRYPT);
}
