import { ed25519 } from '@noble/curves/ed25519.js';
import { concatBytes, utf8 } from './bytes.ts';
import type { DeviceIdentity } from './identity.ts';
import { CONTENT_LABEL_BYTES } from './labels.ts';
import { pathEd25519 } from './mls/cipher-suite.ts';

/** What an author signs for each message: enough to verify it outside the MLS group. */
export type SignedContent = {
  readonly room: string;
  readonly messageId: string;
  /** SHA-256 of the envelope body. */
  readonly contentHash: Uint8Array;
};

/** Longest room or message ID that can be signed (fits the 1-byte length prefix). */
export const MAX_CONTENT_ID_BYTES = 255;

/**
 * The exact bytes signed: label, then length-prefixed room and message ID, then the
 * 32-byte hash. Length prefixes make the encoding injective (no "ab"+"c" = "a"+"bc").
 */
export function contentSignatureInput(content: SignedContent): Uint8Array {
  const room = utf8(content.room);
  const messageId = utf8(content.messageId);
  if (room.length === 0 || room.length > MAX_CONTENT_ID_BYTES) throw new RangeError('bad room');
  if (messageId.length === 0 || messageId.length > MAX_CONTENT_ID_BYTES) {
    throw new RangeError('bad message ID');
  }
  if (content.contentHash.length !== 32) throw new RangeError('content hash is 32 bytes');
  return concatBytes(
    CONTENT_LABEL_BYTES,
    Uint8Array.of(room.length),
    room,
    Uint8Array.of(messageId.length),
    messageId,
    content.contentHash,
  );
}

/**
 * Signs (room, message ID, content hash) with the device identity key, under the content
 * label, so the signature outlives the MLS epoch keys (forwarded history stays verifiable).
 */
export function signContent(identity: DeviceIdentity, content: SignedContent): Uint8Array {
  return ed25519.sign(contentSignatureInput(content), identity.secretKey);
}

/** Verifies a content signature; false for anything malformed. */
export function verifyContent(
  publicKey: Uint8Array,
  content: SignedContent,
  signature: Uint8Array,
): boolean {
  try {
    // RFC 8032 strict, as the Web Crypto path (verifyContentAsync) is: one rule everywhere.
    return ed25519.verify(signature, contentSignatureInput(content), publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/**
 * signContent on the platform's fastest Ed25519 (Web Crypto when it passed the RFC 8032
 * probe, see cipher-suite.ts): the same signature bytes, for the per-message path.
 */
export async function signContentAsync(
  identity: DeviceIdentity,
  content: SignedContent,
): Promise<Uint8Array> {
  return (await pathEd25519()).sign(identity.secretKey, contentSignatureInput(content));
}

/** verifyContent on the platform's fastest Ed25519; false for anything malformed. */
export async function verifyContentAsync(
  publicKey: Uint8Array,
  content: SignedContent,
  signature: Uint8Array,
): Promise<boolean> {
  return (await pathEd25519()).verify(publicKey, contentSignatureInput(content), signature);
}
