import type { ImageContent } from '@yam/client';
import { encryptAttachment } from '@yam/crypto';
import { toBase64Url } from '@yam/protocol';
import { IdbBlobCache } from '../../platform/idb/idb-blob-cache.ts';
import type { BlobUpload } from '../../session/room-ports.ts';
import type { PreparedImage } from './prepare-image.ts';

/**
 * Encrypts an image under a fresh key, keeps the ciphertext on this device (so it serves
 * peers) and uploads it to the server's blob store as the fallback copy; returns the
 * message content that refers to it.
 */
export async function postImage(
  server: BlobUpload,
  image: PreparedImage,
  caption: string,
  name: string,
): Promise<ImageContent> {
  const encrypted = await encryptAttachment(image.bytes);
  const hash = toBase64Url(encrypted.hash);
  await IdbBlobCache.put(hash, encrypted.ciphertext);
  await server.uploadBlob(encrypted.ciphertext);
  return {
    type: 'image',
    hash,
    key: toBase64Url(encrypted.key),
    size: encrypted.size,
    mime: image.mime,
    width: image.width,
    height: image.height,
    ...(caption ? { caption } : {}),
    ...(image.thumb ? { thumb: image.thumb } : {}),
    name,
    sentAt: Date.now(),
  };
}
