import type { Logger } from 'pino';
import { deriveTurnSecret, type IceServers, iceServersFor } from './ice-servers.ts';
import type { TurnConfig } from './turn-config.ts';
import { TurnServer } from './turn-server.ts';

export type TurnSetup = {
  /** Our STUN/TURN server, not yet listening; undefined when off. */
  server: TurnServer | undefined;
  /** What `ice` answers with; undefined when neither ours nor an external TURN is configured. */
  iceServers: ((clientId: string) => IceServers) | undefined;
};

/**
 * Builds the STUN/TURN part from the server config: our server, an external coturn, or none.
 * `publicUrl` is the server's public URL, whose host clients can reach.
 */
export function setupTurn(
  turn: TurnConfig | undefined,
  publicUrl: string | undefined,
  serverSecret: Uint8Array,
  log: Logger,
): TurnSetup {
  if (!turn) return { server: undefined, iceServers: undefined };
  const secret = turn.secret ?? deriveTurnSecret(serverSecret);
  const server = turn.enabled ? new TurnServer({ ...turn, secret }, log) : undefined;
  // Clients need a name they can reach: explicit, else the public URL's host, else the relay IP.
  const publicUrlHost = publicUrl ? new URL(publicUrl).hostname : undefined;
  const host = turn.publicHost ?? publicUrlHost?.replace(/^\[|\]$/g, '') ?? turn.relayHost;
  const iceServers =
    server || turn.externalTurn
      ? (clientId: string) =>
          iceServersFor(
            turn,
            secret,
            clientId,
            host,
            server?.port ?? 0,
            Date.now(),
            server?.tlsPort,
          )
      : undefined;
  return { server, iceServers };
}
