// `@yam/client/transport`: the layers under YamRooms, for the SDK's own tests, the
// server's integration tests and benchmarks. Apps use YamRooms from `@yam/client`: these
// classes can publish unencrypted bytes into a room.
export { EpochConflictError } from './epoch-conflict.ts';
export type { CommitAck, MlsTransport } from './mls-transport.ts';
export { newClientMsgId } from './outbox.ts';
export { memberKeys } from './secure/member-keys.ts';
export type { SecureEvents } from './secure/secure-events.ts';
export { SecureRooms, type SecureRoomsOptions } from './secure/secure-rooms.ts';
export type { SentItem } from './types.ts';
export { YamClient, type YamClientOptions } from './yam-client.ts';
