export { Backoff, type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';
export { blobUrl, downloadBlob, type StoredBlob, uploadBlob } from './blobs.ts';
export {
  type Content,
  decodeContent,
  encodeContent,
  MAX_NAME_LENGTH,
  MAX_TEXT_LENGTH,
  type TextContent,
} from './content.ts';
export { Emitter } from './emitter.ts';
export { EpochConflictError } from './epoch-conflict.ts';
export { MemoryStore } from './memory-store.ts';
export type { CommitAck } from './mls-transport.ts';
export { newClientMsgId } from './outbox.ts';
export * from './secure/index.ts';
export { TokenBucket } from './token-bucket.ts';
export type * from './types.ts';
export { YamClient, type YamClientOptions } from './yam-client.ts';
