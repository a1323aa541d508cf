export { Backoff, type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';
export { blobUrl, downloadBlob, type StoredBlob, uploadBlob } from './blobs.ts';
export type { PushSubscriptionKeys } from './client-media.ts';
export {
  type Content,
  type DeleteContent,
  decodeContent,
  type EditContent,
  encodeContent,
  type ImageContent,
  type ImageMime,
  type LinkPreview,
  MAX_CAPTION_LENGTH,
  MAX_EXCERPT_LENGTH,
  MAX_IMAGE_BYTES,
  MAX_MENTIONS,
  MAX_NAME_LENGTH,
  MAX_REACTION_LENGTH,
  MAX_STICKER_LABEL,
  MAX_TEXT_LENGTH,
  MAX_VOICE_BYTES,
  MAX_VOICE_MS,
  MAX_WAVEFORM_BARS,
  MAX_WAVEFORM_LEVEL,
  type MediaContent,
  type ReactionContent,
  type ReplyTo,
  type StickerContent,
  type StickerMime,
  type TextContent,
  type VoiceContent,
  type VoiceMime,
} from './content.ts';
export { Emitter } from './emitter.ts';
export { MemoryStore } from './memory-store.ts';
export { type FlushOptions, type FlushResult, flushOutbox } from './outbox-flush.ts';
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
  type LogRecord,
  requestHistory,
  type ServerLog,
  type SharedMessage,
  serveHistory,
  type VerifyForwarded,
} from './p2p/history-share.ts';
export { MemberRoster, type PeerRoster, type RosterSource } from './p2p/member-roster.ts';
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
export type { Blocks } from './rooms/blocks.ts';
export { type EnterOptions, type EnterOutcome, inviteKeyFrom } from './rooms/enter-room.ts';
export type { JoinRequests } from './rooms/join-requests.ts';
export type { RoomsErrorInfo, YamRoomsEvents } from './rooms/room-events.ts';
export type { QueuedMessage, RoomHistory } from './rooms/room-history.ts';
export type { MailSetting, RoomMail } from './rooms/room-mail.ts';
export type { RoomBlobs, RoomPush, RoomSignalling } from './rooms/room-media.ts';
export type { RoomPresence } from './rooms/room-presence.ts';
export type { RoomPreviews } from './rooms/room-previews.ts';
export type { SealedProfiles } from './rooms/sealed-profiles.ts';
export { dmRoomId, isDmRoomId } from './secure/dm-room-id.ts';
export { verifyForwardedEnvelope } from './secure/forwarded-envelope.ts';
/** A device's stored MLS groups (read-only use: the service worker decrypts a copy). */
export { GroupVault } from './secure/group-vault.ts';
export { inviteLink } from './secure/invite-link.ts';
export { messageKind, type RawMessage, type RoomMessageKind } from './secure/message-kind.ts';
export type { OpenedMessage, OpenProblem } from './secure/opened-message.ts';
export type { RolesView } from './secure/room-admin.ts';
export {
  MemorySecretStore,
  type SecretEntry,
  type SecretKind,
  type SecretStore,
} from './secure/secret-store.ts';
export type { PendingJoin } from './secure/secure-events.ts';
export { TokenBucket } from './token-bucket.ts';
export type {
  AckInfo,
  ActivityInfo,
  ClientErrorInfo,
  ClientStore,
  ConnectionState,
  ConnectionStatus,
  JoinRequestInfo,
  JoinResultInfo,
  OutboxItem,
  PresenceInfo,
  ProfileInfo,
  ReceivedMessage,
  SignalInfo,
  SyncedInfo,
  TypingInfo,
  WelcomeInfo,
} from './types.ts';
export { type SendReceipt, YamRooms, type YamRoomsOptions } from './yam-rooms.ts';
