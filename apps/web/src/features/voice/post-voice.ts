import type { VoiceContent } from '@yam/client';
import { encryptAttachment } from '@yam/crypto';
import { toBase64Url } from '@yam/protocol';
import { IdbBlobCache } from '../../platform/idb/idb-blob-cache.ts';
import type { BlobUpload } from '../../session/room-ports.ts';
import type { Recording } from './voice-recorder.ts';
import { waveformOf } from './waveform.ts';

/**
 * Encrypts a recording under a fresh key and keeps the ciphertext on this device (it serves
 * peers); the server gets a copy when it fits its blob limit (`maxBlobBytes`), else
 * members fetch it from peers only. Returns the message content that refers to it.
 */
export async function postVoice(
  server: BlobUpload,
  recording: Recording,
  maxBlobBytes: number | undefined,
  name: string,
): Promise<VoiceContent> {
  const encrypted = await encryptAttachment(recording.bytes);
  const hash = toBase64Url(encrypted.hash);
  await IdbBlobCache.put(hash, encrypted.ciphertext);
  if (maxBlobBytes === undefined || encrypted.ciphertext.length <= maxBlobBytes) {
    await server.uploadBlob(encrypted.ciphertext);
  }
  return {
    type: 'voice',
    hash,
    key: toBase64Url(encrypted.key),
    size: encrypted.size,
    mime: recording.mime,
    durationMs: recording.durationMs,
    waveform: waveformOf(recording.levels),
    name,
    sentAt: Date.now(),
  };
}
