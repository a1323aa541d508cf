import { gcm } from '@noble/ciphers/aes.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { LABELS } from './labels.ts';
import { exportSecret } from './mls/exporter.ts';
import type { RoomGroup } from './mls/room-group.ts';

const VERSION = 1;
/** Sealed records larger than this are refused before decrypting. */
const MAX_SEALED_BYTES = 64 * 1024;

/** The key that seals records for the members of the group's current epoch, bound to the room. */
export function epochSealKey(group: RoomGroup, room: string): Promise<Uint8Array> {
  return exportSecret(group, LABELS.epochSeal, new TextEncoder().encode(room), 32);
}

/** version(1) | epoch(4, big-endian) | nonce(12) | AES-256-GCM(key, plaintext). */
export function sealForEpoch(key: Uint8Array, epoch: number, plaintext: Uint8Array): Uint8Array {
  const nonce = randomBytes(12);
  const sealed = gcm(key, nonce, header(epoch)).encrypt(plaintext);
  const out = new Uint8Array(17 + sealed.length);
  out.set(header(epoch), 0);
  out.set(nonce, 5);
  out.set(sealed, 17);
  return out;
}

/** The epoch a sealed record names (undefined when it is not one). */
export function sealedEpoch(sealed: Uint8Array): number | undefined {
  if (sealed.length < 17 + 16 || sealed.length > MAX_SEALED_BYTES || sealed[0] !== VERSION) {
    return undefined;
  }
  return new DataView(sealed.buffer, sealed.byteOffset + 1, 4).getUint32(0);
}

/** Opens a sealed record with its epoch's key; undefined when it does not authenticate. */
export function openForEpoch(key: Uint8Array, sealed: Uint8Array): Uint8Array | undefined {
  const epoch = sealedEpoch(sealed);
  if (epoch === undefined) return undefined;
  try {
    return gcm(key, sealed.subarray(5, 17), header(epoch)).decrypt(sealed.subarray(17));
  } catch {
    return undefined;
  }
}

function header(epoch: number): Uint8Array {
  const out = new Uint8Array(5);
  out[0] = VERSION;
  new DataView(out.buffer).setUint32(1, epoch);
  return out;
}
