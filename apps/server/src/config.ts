import { LIMITS, type Limits } from '@yam/protocol';
import type { Bus } from './bus/bus.ts';
import type { Storage } from './storage/storage.ts';

/** The protocol's limits plus the server-only ones. */
export type ServerLimits = Limits & {
  /** A connection that answers no ping for this long is dropped; pings go every half. */
  idleTimeoutMs: number;
  /** A connection that has not authenticated after this long is closed. */
  authTimeoutMs: number;
  /** Open WebSocket connections this process accepts; more get HTTP 503. */
  maxConnections: number;
};

export type ServerOptions = {
  host?: string;
  port?: number;
  /** Holds yam.db (SQLite) and `secret` (the resume-token HMAC key). */
  dataDir?: string;
  /** Where Room URL redirects go; default: this server's own '/'. */
  appUrl?: string;
  /** Folder of the built web app served at '/'. */
  webRoot?: string;
  /** Extra allowed WebSocket Origins besides same-origin and appUrl's origin. */
  allowedOrigins?: string[];
  /** The server's public http(s) URL; default: derived from each request's Host. */
  publicUrl?: string;
  limits?: Partial<ServerLimits>;
  logLevel?: string;
  logStream?: NodeJS.WritableStream;
  storage?: Storage;
  bus?: Bus;
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
  limits: ServerLimits;
  logLevel: string;
  logStream: NodeJS.WritableStream | undefined;
};

export const SERVER_LIMITS: ServerLimits = {
  ...LIMITS,
  idleTimeoutMs: 60_000,
  authTimeoutMs: 10_000,
  maxConnections: 20_000,
};

/** Fills in defaults and normalises URLs; throws on a malformed URL so misconfiguration fails at start. */
export function resolveConfig(options: ServerOptions = {}): ServerConfig {
  const appUrl = options.appUrl ? new URL(options.appUrl).toString() : undefined;
  const publicUrl = options.publicUrl ? new URL(options.publicUrl).toString() : undefined;
  const allowed = (options.allowedOrigins ?? []).map((o) => new URL(o).origin);
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
    limits: { ...SERVER_LIMITS, ...options.limits },
    logLevel: options.logLevel ?? 'info',
    logStream: options.logStream,
  };
}
