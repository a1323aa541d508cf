import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { IpAccess } from '../net/ip-access.ts';

/** `turn` in ServerOptions. Giving the object turns the built-in STUN/TURN server on. */
export type TurnOptions = {
  /** Default true; false keeps our listeners off (e.g. when only `externalTurn` is used). */
  enabled?: boolean;
  /** UDP and TCP port; default 3478; 0 picks a free port (tests). */
  port?: number;
  /** TURN over TLS (`turns:`) port, used when the server serves https; default 5349; 0 picks a free port. */
  tlsPort?: number;
  /** Listen address; default: the HTTP server's host. */
  host?: string;
  /** IP the relay sockets bind to and advertise (XOR-RELAYED-ADDRESS); default: `host`, or the first public interface when `host` is a wildcard. */
  relayHost?: string;
  /** Host name or IP clients are told to use in ICE URLs; default: publicUrl's host, else relayHost. */
  publicHost?: string;
  realm?: string;
  /** TURN REST shared secret; default: derived from the server's data-dir secret. */
  secret?: string;
  /** Tests only: lets relays reach 127.0.0.0/8. */
  allowLoopbackPeers?: boolean;
  /** Lifetime of issued credentials; default 3600 s. */
  credentialTtlSeconds?: number;
  /** Credentials issued per IP address (IPv6 per /64), any identity: per minute and at once. */
  credentialsPerMinPerIp?: number;
  credentialBurstPerIp?: number;
  maxAllocationsPerClient?: number;
  /** Per source IP (IPv6 per /64), all identities together: identities are free. */
  maxAllocationsPerIp?: number;
  maxAllocations?: number;
  /** Per allocation, both directions together; packets beyond it are dropped. */
  bandwidthBytesPerSec?: number;
  maxTcpConnections?: number;
  /** STUN requests per second per source IP (burst twice that); more are dropped. */
  requestsPerSecPerIp?: number;
  defaultLifetimeSec?: number;
  maxLifetimeSec?: number;
  permissionLifetimeSec?: number;
  channelLifetimeSec?: number;
  nonceTtlMs?: number;
  /** Hand out credentials for an external coturn (`use-auth-secret`, `static-auth-secret=<secret>`). */
  externalTurn?: { urls: string[]; secret: string };
};

export type TurnConfig = Required<Omit<TurnOptions, 'secret' | 'externalTurn' | 'publicHost'>> & {
  /** The server's IP allow and deny lists: TURN ignores what they refuse. */
  ipAccess?: IpAccess;
  secret: string | undefined;
  publicHost: string | undefined;
  externalTurn: { urls: string[]; secret: string } | undefined;
};

/** Fills in defaults; `serverHost` is the HTTP listen address. */
export function resolveTurnConfig(options: TurnOptions, serverHost: string): TurnConfig {
  const host = options.host ?? serverHost;
  return {
    enabled: options.enabled ?? true,
    port: options.port ?? 3478,
    tlsPort: options.tlsPort ?? 5349,
    host,
    relayHost: options.relayHost ?? defaultRelayHost(host),
    publicHost: options.publicHost,
    realm: options.realm ?? 'yam',
    secret: options.secret,
    allowLoopbackPeers: options.allowLoopbackPeers ?? false,
    credentialTtlSeconds: options.credentialTtlSeconds ?? 3600,
    credentialsPerMinPerIp: options.credentialsPerMinPerIp ?? 1,
    credentialBurstPerIp: options.credentialBurstPerIp ?? 30,
    maxAllocationsPerClient: options.maxAllocationsPerClient ?? 10,
    maxAllocationsPerIp: options.maxAllocationsPerIp ?? 30,
    maxAllocations: options.maxAllocations ?? 1000,
    bandwidthBytesPerSec: options.bandwidthBytesPerSec ?? 4 * 1024 * 1024,
    maxTcpConnections: options.maxTcpConnections ?? 2000,
    requestsPerSecPerIp: options.requestsPerSecPerIp ?? 100,
    defaultLifetimeSec: options.defaultLifetimeSec ?? 600,
    maxLifetimeSec: options.maxLifetimeSec ?? 3600,
    permissionLifetimeSec: options.permissionLifetimeSec ?? 300,
    channelLifetimeSec: options.channelLifetimeSec ?? 600,
    nonceTtlMs: options.nonceTtlMs ?? 10 * 60_000,
    externalTurn: options.externalTurn,
  };
}

/** A relay must advertise a concrete address; a wildcard listener uses the first public IPv4. */
function defaultRelayHost(host: string): string {
  if (isIP(host) && host !== '0.0.0.0' && host !== '::') return host;
  const candidates = Object.values(networkInterfaces()).flat();
  const v4 = candidates.find((i) => i && i.family === 'IPv4' && !i.internal);
  return v4?.address ?? '127.0.0.1';
}
