export { Backoff, type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';
export { blobUrl, downloadBlob, type StoredBlob, uploadBlob } from './blobs.ts';
export {
  type Content,
  decodeContent,
  encodeContent,
  type ImageContent,
  type ImageMime,
  MAX_CAPTION_LENGTH,
  MAX_IMAGE_BYTES,
  MAX_NAME_LENGTH,
  MAX_TEXT_LENGTH,
  type TextContent,
} from './content.ts';
export { Emitter } from './emitter.ts';
export { EpochConflictError } from './epoch-conflict.ts';
export { MemoryStore } from './memory-store.ts';
export type { CommitAck } from './mls-transport.ts';
export { newClientMsgId } from './outbox.ts';
export {
  BLOB_LABEL,
  blobHash,
  type FetchBlobOptions,
  fetchBlob,
  serveBlobs,
} from './p2p/blob-request.ts';
export type { DataChannelLike } from './p2p/data-channel.ts';
export type { FileSink } from './p2p/file-receiver.ts';
export type { FileSource } from './p2p/file-sender.ts';
export { FileTransfers, TRANSFER_LABEL } from './p2p/file-transfers.ts';
export {
  HISTORY_LABEL,
  type HistoryRequestOptions,
  type HistoryServeOptions,
  requestHistory,
  type SharedMessage,
  serveHistory,
  type VerifyForwarded,
} from './p2p/history-share.ts';
export type { PeerConnectionFactory } from './p2p/peer-link.ts';
export {
  type ChannelHandler,
  PeerManager,
  type PeerManagerOptions,
  type SignalTransport,
} from './p2p/peer-manager.ts';
export {
  type FileMeta,
  isFinal,
  type TransferInfo,
  type TransferProgress,
  type TransferStage,
} from './p2p/transfer-messages.ts';
export * from './secure/index.ts';
export { TokenBucket } from './token-bucket.ts';
export type * from './types.ts';
export { YamClient, type YamClientOptions } from './yam-client.ts';
