import { fromBase64Url, toBase64Url } from '@yam/protocol';
import { isHexColour } from '../ui/contrast.ts';

/** Longest username; the record travels to every member of every room. */
export const MAX_USERNAME_LENGTH = 40;

/** Where an avatar image is and how to open it: like an image attachment's metadata. */
export type AvatarRef = {
  /** base64url SHA-256 of the ciphertext: its address in the blob store. */
  hash: string;
  /** Plaintext size in bytes. */
  size: number;
  /** MIME type of the plaintext image. */
  type: string;
  /** base64url AES key of the ciphertext. */
  key: string;
};

/** What the web app puts in the opaque profile record. */
export type ProfileRecord = { name: string; colour?: string; avatar?: AvatarRef };

const B64 = /^[A-Za-z0-9_-]+$/;
const IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];

/** The record's bytes: UTF-8 JSON. */
export function encodeProfile(profile: ProfileRecord): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(profile));
}

/**
 * Reads a profile record from another client; anything malformed is dropped field by
 * field (a bad avatar does not cost the name), and undefined when nothing is usable.
 */
export function decodeProfile(bytes: Uint8Array): ProfileRecord | undefined {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const raw = json as Record<string, unknown>;
  if (typeof raw.name !== 'string') return undefined;
  const name = raw.name.trim().slice(0, MAX_USERNAME_LENGTH);
  if (!name) return undefined;
  const profile: ProfileRecord = { name };
  if (typeof raw.colour === 'string' && isHexColour(raw.colour)) profile.colour = raw.colour;
  const avatar = parseAvatar(raw.avatar);
  if (avatar) profile.avatar = avatar;
  return profile;
}

function parseAvatar(value: unknown): AvatarRef | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const a = value as Record<string, unknown>;
  const ok =
    typeof a.hash === 'string' &&
    a.hash.length === 43 &&
    B64.test(a.hash) &&
    typeof a.key === 'string' &&
    a.key.length === 43 &&
    B64.test(a.key) &&
    typeof a.size === 'number' &&
    Number.isInteger(a.size) &&
    a.size > 0 &&
    a.size <= 1024 * 1024 &&
    typeof a.type === 'string' &&
    IMAGE_TYPES.includes(a.type);
  return ok
    ? {
        hash: a.hash as string,
        key: a.key as string,
        size: a.size as number,
        type: a.type as string,
      }
    : undefined;
}

/** Raw key and hash bytes of an avatar reference, for decryptAttachment. */
export function avatarKeys(ref: AvatarRef): { key: Uint8Array; hash: Uint8Array; size: number } {
  return { key: fromBase64Url(ref.key), hash: fromBase64Url(ref.hash), size: ref.size };
}

/** An avatar reference from encryptAttachment's output. */
export function avatarRef(
  encrypted: { key: Uint8Array; hash: Uint8Array; size: number },
  type: string,
): AvatarRef {
  return {
    hash: toBase64Url(encrypted.hash),
    key: toBase64Url(encrypted.key),
    size: encrypted.size,
    type,
  };
}
