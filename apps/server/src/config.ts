import type { Agent } from 'node:https';
import { LIMITS, type Limits } from '@yam/protocol';
import type { Bus } from './bus/bus.ts';
import { type MetricsConfig, parseListen } from './metrics/metrics-http.ts';
import { TrustedProxies } from './net/client-address.ts';
import { IpAccess, type IpAccessOptions } from './net/ip-access.ts';
import { checkPostgresUrl, type PostgresOptions } from './storage/postgres/postgres-start-error.ts';
import type { Storage } from './storage/storage.ts';
import {
  type AcmeOptions,
  domainPublicUrl,
  resolveTlsConfig,
  type TlsConfig,
  type TlsOptions,
} from './tls/tls-config.ts';
import { resolveTurnConfig, type TurnConfig, type TurnOptions } from './turn/turn-config.ts';

/** The link-preview fetcher's settings; its presence turns it on. [P-PREV1] */
export type LinkPreviewConfig = {
  /** Tests only: fetch from 127.0.0.0/8 on any port. Never on by default. */
  allowLoopback?: boolean;
};

/** The protocol's limits plus the server-only ones. */
export type ServerLimits = Limits & {
  /** A connection that answers no ping for this long is dropped; pings go every half. */
  idleTimeoutMs: number;
  /** A connection that has not authenticated after this long is closed. */
  authTimeoutMs: number;
  /** Open WebSocket connections this process accepts; more get HTTP 503. */
  maxConnections: number;
  /** Open WebSocket connections per IP address (IPv6 per /64); more get HTTP 429. */
  maxConnectionsPerIp: number;
  /** Of those, not yet authenticated; more get HTTP 429. */
  maxUnauthenticatedPerIp: number;
  /** "offline" goes out this long after a client's last connection in a room closed. [P-PRES1] */
  presenceGraceMs: number;
  /** Largest blob body accepted by POST /blobs. [P-BLOB1] */
  maxBlobBytes: number;
  /** Bytes of unexpired blobs one client may have stored. [P-BLOB1] */
  blobQuotaBytes: number;
  /** Bytes of unexpired blobs uploaded from one IP (IPv6 per /64), all clients together. [P-BLOB3] */
  blobIpQuotaBytes: number;
  /** Bytes of unexpired blobs of everyone together; more gets STORAGE_FULL. [P-BLOB3] */
  blobDiskBudgetBytes: number;
  /** New blobs are refused (STORAGE_FULL) while the data folder's disk has less free. [P-BLOB3] */
  minFreeDiskBytes: number;
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
  /** Bytes of history pages served per connection: rate and burst; pages wait, not fail. [P-HIST3] */
  historyBytesPerSec: number;
  historyBurstBytes: number;
  /** The same per IP address (IPv6 per /64), all its connections together. [P-HIST3] */
  ipHistoryBytesPerSec: number;
  ipHistoryBurstBytes: number;
  /** History requests one connection may have waiting; more is a flood (RATE_LIMITED). */
  maxQueuedHistoryRequests: number;
  /** Bytes of frames decoded per connection and per IP: rate and burst. [P-LIM4] */
  connectionBytesPerSec: number;
  connectionBurstBytes: number;
  ipBytesPerSec: number;
  ipBurstBytes: number;
  /**
   * Frames for one connection are held and written together: 0 until the event loop's I/O
   * callbacks of this turn ran, N > 0 for up to N ms (fewer writes, more latency), -1 never
   * (one write per frame). See relay/write-batch.ts.
   */
  writeDelayMs: number;
};

export type PushOptions = {
  /** Default: the browsers' push services (`PUSH_SERVICE_HOSTS`). */
  allowedHosts?: readonly string[];
  maxPerClient?: number;
  sender?: {
    throttleMs?: number;
    ttlSeconds?: number;
    /** For tests against a local push endpoint with its own certificate. */
    agent?: Agent;
    onSent?: (endpoint: string, status: number) => void;
  };
};

/** E-mail on mention (`--smtp`); nothing is kept or sent without it. [P-MAIL1] */
export type MailOptions = {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465`. */
  smtpUrl: string;
  /** The From address; default `Yam <noreply@<public host>>`. */
  from?: string;
  /** At most one mail per address and room in this window; default 15 minutes. [P-MAIL3] */
  perRoomMs?: number;
  /** At most this many mails per address per hour; default 6. [P-MAIL3] */
  perAddressPerHour?: number;
  /** Tests: per message that mentions someone, whom it was decided to mail (after the limits). */
  onDecided?: (mails: Array<{ to: string; sent: boolean }>) => void;
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
  /** The sticker library (`<category>/<image>` + index.json) served at /stickers/. */
  stickersDir?: string;
  /** Extra allowed WebSocket Origins besides same-origin and appUrl's origin. */
  allowedOrigins?: string[];
  /**
   * Fetch link previews for authenticated clients (`--link-previews`); off when absent.
   * The server then sees the URLs people ask previews of. [P-PREV1]
   */
  linkPreviews?: LinkPreviewConfig;
  /**
   * The server's public http(s) URL: the one origin it answers to (with --domain's). When
   * no public origin is set, it answers only to this machine on its port. [P-AUTH6]
   */
  publicUrl?: string;
  limits?: Partial<ServerLimits>;
  logLevel?: string;
  logStream?: NodeJS.WritableStream;
  storage?: Storage;
  /**
   * Keep messages, MLS state and blobs in this PostgreSQL database instead of the data
   * folder's SQLite files, so several servers can share them (`--postgres`).
   */
  postgres?: PostgresOptions;
  bus?: Bus;
  /** Redis pub/sub for fan-out between several instances (`--redis`); default: in-process. */
  redisUrl?: string;
  /**
   * Several instances serve the same rooms (on by itself with `redisUrl`; set it with your
   * own shared `bus`): presence spans them. Heartbeat and lease of each instance, and the
   * prefix of every Redis channel and key.
   */
  cluster?: { heartbeatMs?: number; leaseMs?: number; prefix?: string };
  /** The built-in STUN/TURN server and the ICE servers handed to clients; off when absent. */
  turn?: TurnOptions;
  /** Serve https for this host name or IP with an ACME certificate (or `tls` files); sets the public URL. */
  domain?: string;
  /** Serve https yourself: own certificate files, ports, HSTS. On when `domain` or files are given. */
  tls?: TlsOptions;
  /** The ACME CA and renewal timing for `domain`. */
  acme?: AcmeOptions;
  /** IP allow and deny lists (CIDR) for the web app, the WebSocket and TURN. */
  ipAccess?: IpAccessOptions;
  /** Web Push: push service hosts endpoints may name, per-client cap, and the sender's timing. */
  push?: PushOptions;
  /** E-mail members who asked for it when they are mentioned (`--smtp`). */
  mail?: MailOptions;
  /**
   * Reverse proxies (CIDR) whose `X-Forwarded-For` names the client for per-IP limits and
   * the IP lists; nothing else is taken from proxy headers. Default: none.
   */
  trustProxy?: readonly string[];
  /**
   * Prometheus metrics: `listen` ("127.0.0.1:9464") serves /metrics on its own address;
   * `token` requires `Authorization: Bearer <token>` (and serves /metrics on the main port
   * when no `listen` is given). Off when neither is set.
   */
  metrics?: { listen?: string; token?: string };
};

export type ServerConfig = {
  host: string;
  port: number;
  dataDir: string;
  appUrl: string | undefined;
  webRoot: string | undefined;
  stickersDir: string | undefined;
  /** Link previews: on when set. [P-PREV1] */
  linkPreviews: LinkPreviewConfig | undefined;
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
  /** The https set-up (domain, certificate source, ports); undefined serves plain http. */
  tls: TlsConfig | undefined;
  ipAccess: IpAccess;
  trustProxy: TrustedProxies;
  metrics: MetricsConfig | undefined;
  /** The shared database, when storage is PostgreSQL rather than the data folder's SQLite. */
  postgres: PostgresOptions | undefined;
  redisUrl: string | undefined;
  /** Set when other instances serve the same rooms. */
  cluster: { heartbeatMs: number; leaseMs: number; prefix: string } | undefined;
};

const MIB = 1024 * 1024;

export const SERVER_LIMITS: ServerLimits = {
  ...LIMITS,
  idleTimeoutMs: 60_000,
  authTimeoutMs: 10_000,
  maxConnections: 20_000,
  maxConnectionsPerIp: 256,
  maxUnauthenticatedPerIp: 32,
  presenceGraceMs: 15_000,
  maxBlobBytes: 512 * 1024,
  blobQuotaBytes: 20 * 1024 * 1024,
  blobIpQuotaBytes: 100 * 1024 * 1024,
  blobDiskBudgetBytes: 10 * 1024 * 1024 * 1024,
  minFreeDiskBytes: 512 * 1024 * 1024,
  blobTtlMs: 30 * 24 * 60 * 60_000,
  uploadTokenTtlMs: 60_000,
  passwordTriesPerRequester: 3,
  passwordTriesPerRoom: 10,
  passwordBackoffMs: 30_000,
  passwordBackoffMaxMs: 60 * 60_000,
  historyBytesPerSec: 4 * MIB,
  historyBurstBytes: 8 * MIB,
  ipHistoryBytesPerSec: 8 * MIB,
  ipHistoryBurstBytes: 16 * MIB,
  maxQueuedHistoryRequests: 128,
  connectionBytesPerSec: 2 * MIB,
  connectionBurstBytes: 8 * MIB,
  ipBytesPerSec: 8 * MIB,
  ipBurstBytes: 32 * MIB,
  writeDelayMs: 0,
};

/** Fills in defaults and normalises URLs; throws on a malformed URL so misconfiguration fails at start. */
export function resolveConfig(options: ServerOptions = {}): ServerConfig {
  const appUrl = options.appUrl ? new URL(options.appUrl).toString() : undefined;
  const tls = resolveTlsConfig(options.domain, options.tls, options.acme);
  // A domain implies the public URL (https); an explicit --public-url still wins.
  const domainUrl =
    tls?.domain && tls.httpsPort !== 0 ? domainPublicUrl(tls.domain, tls.httpsPort) : undefined;
  const publicUrl = options.publicUrl ? new URL(options.publicUrl).toString() : domainUrl;
  const allowed = (options.allowedOrigins ?? []).map((o) => (o === '*' ? o : new URL(o).origin));
  if (appUrl) allowed.push(new URL(appUrl).origin);
  if (publicUrl) allowed.push(new URL(publicUrl).origin);
  const ipAccess = new IpAccess(options.ipAccess);
  return {
    ipAccess,
    trustProxy: new TrustedProxies(options.trustProxy),
    metrics: resolveMetrics(options.metrics),
    postgres: options.postgres
      ? { ...options.postgres, url: checkPostgresUrl(options.postgres.url) }
      : undefined,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 8080,
    dataDir: options.dataDir ?? './data',
    appUrl,
    webRoot: options.webRoot,
    stickersDir: options.stickersDir,
    linkPreviews: options.linkPreviews,
    allowedOrigins: [...new Set(allowed)],
    publicUrl,
    // --domain adds `https://<domain>` here.
    publicOrigins: publicUrl ? [new URL(publicUrl).origin] : [],
    limits: { ...SERVER_LIMITS, ...options.limits },
    logLevel: options.logLevel ?? 'info',
    logStream: options.logStream,
    turn: options.turn
      ? { ...resolveTurnConfig(options.turn, options.host ?? '127.0.0.1'), ipAccess }
      : undefined,
    tls,
    redisUrl: options.redisUrl,
    cluster:
      options.cluster || options.redisUrl
        ? {
            heartbeatMs: options.cluster?.heartbeatMs ?? 2_000,
            leaseMs: options.cluster?.leaseMs ?? 10_000,
            prefix: options.cluster?.prefix ?? 'yam:',
          }
        : undefined,
  };
}

function resolveMetrics(options: ServerOptions['metrics']): MetricsConfig | undefined {
  if (!options?.listen && !options?.token) return undefined;
  return {
    ...(options.listen ? { listen: parseListen(options.listen) } : {}),
    ...(options.token ? { token: options.token } : {}),
  };
}
