import { createHmac } from 'node:crypto';
import type { TurnConfig } from './turn-config.ts';
import { issueTurnCredentials } from './turn-credentials.ts';

/** One RTCIceServer as the browser takes it. */
export type IceServer = { urls: string[]; username?: string; credential?: string };
export type IceServers = { iceServers: IceServer[]; expiresAt: number };

/** The TURN REST secret when the operator gave none: stable across restarts, unique per data dir. */
export function deriveTurnSecret(serverSecret: Uint8Array): string {
  return createHmac('sha256', serverSecret).update('yam turn rest secret').digest('base64url');
}

/**
 * Builds the ICE server list for an authenticated client: our own STUN/TURN URLs, or the
 * operator's external coturn, each TURN entry with fresh credentials for this client.
 */
export function iceServersFor(
  config: TurnConfig,
  secret: string,
  clientId: string,
  host: string,
  port: number,
  now: number = Date.now(),
  tlsPort?: number,
): IceServers {
  const ttl = config.credentialTtlSeconds;
  if (config.externalTurn) {
    const creds = issueTurnCredentials(config.externalTurn.secret, clientId, ttl, now);
    return {
      iceServers: [
        { urls: config.externalTurn.urls, username: creds.username, credential: creds.credential },
      ],
      expiresAt: creds.expiresAt,
    };
  }
  const creds = issueTurnCredentials(secret, clientId, ttl, now);
  const h = host.includes(':') ? `[${host}]` : host;
  return {
    iceServers: [
      { urls: [`stun:${h}:${port}`] },
      {
        urls: [
          `turn:${h}:${port}?transport=udp`,
          `turn:${h}:${port}?transport=tcp`,
          // TLS needs the certificate's name, so this URL is only as good as `host`.
          ...(tlsPort !== undefined ? [`turns:${h}:${tlsPort}?transport=tcp`] : []),
        ],
        username: creds.username,
        credential: creds.credential,
      },
    ],
    expiresAt: creds.expiresAt,
  };
}
