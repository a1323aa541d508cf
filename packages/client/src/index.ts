export { Backoff, type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';
export {
  type Content,
  decodeContent,
  encodeContent,
  MAX_NAME_LENGTH,
  MAX_TEXT_LENGTH,
  type TextContent,
} from './content.ts';
export { Emitter } from './emitter.ts';
export { MemoryStore } from './memory-store.ts';
export { newClientMsgId } from './outbox.ts';
export { TokenBucket } from './token-bucket.ts';
export type * from './types.ts';
export { YamClient, type YamClientOptions } from './yam-client.ts';
