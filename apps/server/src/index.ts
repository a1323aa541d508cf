export type { Bus, BusHandler, BusMessage } from './bus/bus.ts';
export { BusUnreachableError } from './bus/bus-unreachable.ts';
export { MemoryBus } from './bus/memory/memory-bus.ts';
export { NatsBus, type NatsBusOptions } from './bus/nats/nats-bus.ts';
export { RedisBus, type RedisBusOptions } from './bus/redis/redis-bus.ts';
export type { ServerConfig, ServerLimits, ServerOptions } from './config.ts';
export { resolveConfig, SERVER_LIMITS } from './config.ts';
export { LinkPreviewFetcher, type LinkPreviewOptions } from './previews/link-preview-fetcher.ts';
export type { RunningServer } from './start-server.ts';
export { startServer } from './start-server.ts';
export {
  type PostgresOptions,
  PostgresStartError,
} from './storage/postgres/postgres-start-error.ts';
export { PostgresStorage } from './storage/postgres/postgres-storage.ts';
export { SqliteStorage } from './storage/sqlite/sqlite-storage.ts';
export { ThreadedSqliteStorage } from './storage/sqlite/threaded-sqlite-storage.ts';
export type {
  AppendInput,
  AppendResult,
  HistoryPage,
  HistoryQuery,
  Storage,
  StoredRecord,
} from './storage/storage.ts';
export type { AcmeOptions, TlsOptions } from './tls/tls-config.ts';
export { TlsError, type TlsErrorCode } from './tls/tls-error.ts';
export type { IceServer, IceServers } from './turn/ice-servers.ts';
export { deriveTurnSecret, iceServersFor } from './turn/ice-servers.ts';
export type { TurnConfig, TurnOptions } from './turn/turn-config.ts';
export type { TurnCredentials } from './turn/turn-credentials.ts';
export { issueTurnCredentials, turnPassword } from './turn/turn-credentials.ts';
export { TurnServer } from './turn/turn-server.ts';
