import { LIMITS, type Limits } from '@yam/protocol';
import type { Bus } from './bus/bus.ts';
import type { Storage } from './storage/storage.ts';
import { resolveTurnConfig, type TurnConfig, type TurnOptions } from './turn/turn-config.ts';

/** The protocol's limits plus the server-only ones. */
export type ServerLimits = Limits & {
  /** A connection that answers no ping for this long is dropped; pings go every half. */
  idleTimeoutMs: number;
  /** A connection that has not authenticated after this long is closed. */
  authTimeoutMs: number;
  /** Open WebSocket connections this process accepts; more get HTTP 503. */
  maxConnections: number;
  /** "offline" goes out this long after a client's last connection in a room closed. [P-PRES1] */
  presenceGraceMs: number;
  /** Largest blob body accepted by POST /blobs. [P-BLOB1] */
  maxBlobBytes: number;
  /** Bytes of unexpired blobs one client may have stored. [P-BLOB1] */
  blobQuotaBytes: number;
  /** A blob is deleted this long after its last upload. [P-BLOB1] */
  blobTtlMs: number;
  /** An upload token granted by `blob.grant` is valid this long. [P-BLOB3] */
  uploadTokenTtlMs: number;
  /** Wrong room passwords before the backoff starts: per (room, requester) and per room. [P-PAKE3] */
  passwordTriesPerRequester: number;
  passwordTriesPerRoom: number;
  /** The first wait after the free tries; it doubles with each further failure, up to the max. */
  passwordBackoffMs: number;
  /** The longest wait; a count with no failure for this long is forgotten. [P-PAKE3] */
  passwordBackoffMaxMs: number;
};

export type ServerOptions = {
  host?: string;
  port?: number;
  /** Holds yam.db (SQLite) and `secret` (the HMAC key of upload tokens and TURN credentials). */
  dataDir?: string;
  /** Where Room URL redirects go; default: this server's own '/'. */
  appUrl?: string;
  /** Folder of the built web app served at '/'. */
  webRoot?: string;
  /** Extra allowed WebSocket Origins besides same-origin and appUrl's origin. */
  allowedOrigins?: string[];
  /**
   * The server's public http(s) URL: the one origin it answers to (with --domain's). When
   * no public origin is set, it answers only to this machine on its port. [P-AUTH6]
   */
  publicUrl?: string;
  limits?: Partial<ServerLimits>;
  logLevel?: string;
  logStream?: NodeJS.WritableStream;
  storage?: Storage;
  bus?: Bus;
  /** The built-in STUN/TURN server and the ICE servers handed to clients; off when absent. */
  turn?: TurnOptions;
};

export type ServerConfig = {
  host: string;
  port: number;
  dataDir: string;
  appUrl: string | undefined;
  webRoot: string | undefined;
  /** Normalised origins (scheme://host[:port]) allowed besides same-origin. */
  allowedOrigins: string[];
  publicUrl: string | undefined;
  /**
   * The origins this server answers to (challenges, Room URLs, redirects); any other Host
   * gets 421. Empty: development, i.e. localhost, 127.0.0.1, [::1] and the address a
   * request arrived at, on the listening port. [P-AUTH6]
   */
  publicOrigins: string[];
  limits: ServerLimits;
  logLevel: string;
  logStream: NodeJS.WritableStream | undefined;
  turn: TurnConfig | undefined;
};

export const SERVER_LIMITS: ServerLimits = {
  ...LIMITS,
  idleTimeoutMs: 60_000,
  authTimeoutMs: 10_000,
  maxConnections: 20_000,
  presenceGraceMs: 15_000,
  maxBlobBytes: 512 * 1024,
  blobQuotaBytes: 20 * 1024 * 1024,
  blobTtlMs: 30 * 24 * 60 * 60_000,
  uploadTokenTtlMs: 60_000,
  passwordTriesPerRequester: 3,
  passwordTriesPerRoom: 10,
  passwordBackoffMs: 30_000,
  passwordBackoffMaxMs: 60 * 60_000,
};

/** Fills in defaults and normalises URLs; throws on a malformed URL so misconfiguration fails at start. */
export function resolveConfig(options: ServerOptions = {}): ServerConfig {
  const appUrl = options.appUrl ? new URL(options.appUrl).toString() : undefined;
  const publicUrl = options.publicUrl ? new URL(options.publicUrl).toString() : undefined;
  const allowed = (options.allowedOrigins ?? []).map((o) => (o === '*' ? o : new URL(o).origin));
  if (appUrl) allowed.push(new URL(appUrl).origin);
  if (publicUrl) allowed.push(new URL(publicUrl).origin);
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 8080,
    dataDir: options.dataDir ?? './data',
    appUrl,
    webRoot: options.webRoot,
    allowedOrigins: [...new Set(allowed)],
    publicUrl,
    // --domain adds `https://<domain>` here.
    publicOrigins: publicUrl ? [new URL(publicUrl).origin] : [],
    limits: { ...SERVER_LIMITS, ...options.limits },
    logLevel: options.logLevel ?? 'info',
    logStream: options.logStream,
    turn: options.turn ? resolveTurnConfig(options.turn, options.host ?? '127.0.0.1') : undefined,
  };
}
