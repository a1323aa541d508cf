import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  BusUnreachableError,
  PostgresStartError,
  startServer,
  TlsError,
  type TurnOptions,
} from '@yam/server';
import { CliError } from '../cli-error.ts';
import { DEFAULT_STICKERS_DIR } from '../stickers/default-dir.ts';
import { LIMIT_FLAGS, LIMITS_HELP, limitOptions } from './serve-limits.ts';
import { serveLogStream } from './serve-log.ts';
import { MAIL_FLAGS, MAIL_HELP, mailOptions } from './serve-mail.ts';
import { METRICS_FLAGS, METRICS_HELP, metricsOptions } from './serve-metrics.ts';
import { REDIS_FLAGS, REDIS_HELP, redisOptions } from './serve-redis.ts';
import {
  httpsDisplayUrl,
  TLS_FLAGS,
  TLS_HELP,
  tlsOptions,
  turnsPort,
} from './serve-tls-options.ts';

export const SERVE_HELP = `Usage: yam serve [options]

Runs the Yam server (relay, web app, storage) in this process.

  --host H            address to listen on (env YAM_HOST, default 0.0.0.0)
  --port P            port, 0 for any free one (env YAM_PORT, default 8080)
  --data DIR          data folder (env YAM_DATA_DIR, default ./data)
  --postgres URL      keep messages, MLS state and files in PostgreSQL instead of the data folder,
                      so several servers can share them (env YAM_POSTGRES_URL; postgres://user:pass@host:5432/db)
  --app-url URL       where Room URLs redirect to (env YAM_APP_URL)
  --allow-origin O    extra allowed WebSocket origin, repeatable (env YAM_ALLOWED_ORIGINS, comma list)
  --public-url URL    the server's public https URL (env YAM_PUBLIC_URL)
  --stickers DIR      the sticker library to serve (env YAM_STICKERS; default: the stickers folder
                      shipped with Yam; "none" serves no stickers). Add packs with "yam stickers index".
  --link-previews     fetch link previews for signed-in users (env YAM_LINK_PREVIEWS=on; default off).
                      The server then sees the links people ask previews of; it never fetches
                      private, loopback or link-local addresses.
  --turn-port P       built-in STUN/TURN port, UDP and TCP (env YAM_TURN_PORT, default 3478)
  --turn-host H       public host name or IP put in TURN URLs (env YAM_TURN_HOST, default: public URL's host)
  --no-turn           do not run the built-in STUN/TURN server (env YAM_TURN=off)
  --external-turn U   hand out credentials for an external TURN server instead, repeatable
                      (env YAM_EXTERNAL_TURN, comma list); needs --turn-secret
  --turn-secret S     TURN REST shared secret (env YAM_TURN_SECRET; default: derived from the data folder's secret)
${TLS_HELP}
  --log-level L       silent, error, warn, info, debug (env YAM_LOG_LEVEL, default info; logs go to stderr:
                      readable on a terminal, JSON lines otherwise)
${LIMITS_HELP}
${METRICS_HELP}
${REDIS_HELP}
${MAIL_HELP}
  -h, --help          show this help`;

const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** The URL to print: one a browser on this machine can open. */
export function displayUrl(host: string, port: number, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl;
  const local = ['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost', ''];
  if (local.includes(host)) return `http://localhost:${port}/`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

/** `yam serve`: start the server, print where it runs, stop gracefully on SIGINT/SIGTERM. */
export async function serveCommand(args: string[], env = process.env): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      data: { type: 'string' },
      postgres: { type: 'string' },
      'app-url': { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'public-url': { type: 'string' },
      stickers: { type: 'string' },
      'link-previews': { type: 'boolean' },
      'log-level': { type: 'string' },
      'turn-port': { type: 'string' },
      'turn-host': { type: 'string' },
      'no-turn': { type: 'boolean' },
      'external-turn': { type: 'string', multiple: true },
      'turn-secret': { type: 'string' },
      ...TLS_FLAGS,
      help: { type: 'boolean', short: 'h' },
      ...LIMIT_FLAGS,
      ...METRICS_FLAGS,
      ...REDIS_FLAGS,
      ...MAIL_FLAGS,
    },
  });
  if (values.help) {
    process.stdout.write(`${SERVE_HELP}\n`);
    return 0;
  }
  const host = values.host ?? env.YAM_HOST ?? '0.0.0.0';
  const portText = values.port ?? env.YAM_PORT ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new CliError(`invalid port "${portText}"`, 2);
  const allowedOrigins =
    values['allow-origin'] ??
    (env.YAM_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
  const publicUrl = values['public-url'] ?? env.YAM_PUBLIC_URL;
  const appUrl = values['app-url'] ?? env.YAM_APP_URL;
  const stickers = values.stickers ?? env.YAM_STICKERS ?? DEFAULT_STICKERS_DIR;
  if (stickers !== 'none' && !existsSync(stickers)) {
    throw new CliError(
      `no sticker folder at ${stickers}: give an existing one with --stickers, or --stickers none`,
      2,
    );
  }
  const postgresUrl = values.postgres ?? env.YAM_POSTGRES_URL;

  const tls = tlsOptions(values, env);
  const baseTurn = turnOptions(values, env);
  const turn = baseTurn && tls.tls ? { ...baseTurn, tlsPort: turnsPort(values, env) } : baseTurn;
  const limits = limitOptions(values, env);

  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      host,
      port,
      dataDir: values.data ?? env.YAM_DATA_DIR ?? './data',
      ...(appUrl ? { appUrl } : {}),
      ...(postgresUrl ? { postgres: { url: postgresUrl } } : {}),
      ...(publicUrl ? { publicUrl } : {}),
      allowedOrigins,
      ...(turn ? { turn } : {}),
      ...tls,
      ...limits,
      ...metricsOptions(values, env),
      ...redisOptions(values, env),
      ...mailOptions(values, env),
      ...(existsSync(WEB_DIST) ? { webRoot: WEB_DIST } : {}),
      ...(stickers === 'none' ? {} : { stickersDir: stickers }),
      ...(values['link-previews'] || env.YAM_LINK_PREVIEWS === 'on' ? { linkPreviews: {} } : {}),
      logLevel: values['log-level'] ?? env.YAM_LOG_LEVEL ?? 'info',
      // stdout carries the one "running at" line; logs go to stderr (JSON unless a terminal).
      logStream: serveLogStream(),
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e instanceof TlsError) throw new CliError(e.message);
    if (e instanceof PostgresStartError) throw new CliError(e.message);
    if (e instanceof BusUnreachableError) throw new CliError(e.message);
    if (e.code === 'EADDRINUSE')
      throw new CliError(
        tls.tls
          ? `a port is in use (https ${tls.tls.httpsPort}, http ${tls.tls.httpPort}, TURN ${turn?.port ?? 'off'}, TURN over TLS ${turn?.tlsPort ?? 'off'}); pick others with --https-port / --http-port / --turn-port / --turns-port, or --no-turn`
          : `a port is in use (HTTP ${port}, TURN ${turn?.port ?? 'off'}); pick others with --port / --turn-port, or --no-turn`,
      );
    if (e.code === 'EACCES')
      throw new CliError(
        tls.tls
          ? `no permission to listen on ports ${tls.tls.httpsPort} and ${tls.tls.httpPort}: run as root, allow node to bind low ports (setcap cap_net_bind_service=+ep $(command -v node)), or pick --https-port / --http-port above 1023`
          : `no permission to listen on ${host}:${port}`,
      );
    if (e instanceof TypeError) throw new CliError(`bad configuration: ${e.message}`, 2);
    throw error;
  }
  const url =
    tls.tls && !publicUrl
      ? httpsDisplayUrl(tls.domain, server.port)
      : displayUrl(host, server.port, publicUrl);
  process.stdout.write(`Yam is running at ${url}  (open it in a browser)\n`);
  if (server.httpPort !== undefined) {
    process.stderr.write(`yam: http port ${server.httpPort} redirects to https\n`);
  }
  if (server.turnPort !== undefined) {
    process.stderr.write(`yam: STUN/TURN on UDP and TCP port ${server.turnPort}\n`);
  }
  if (server.metricsPort !== undefined) {
    process.stderr.write(`yam: Prometheus metrics on port ${server.metricsPort} at /metrics\n`);
  }
  if (server.turnTlsPort !== undefined) {
    process.stderr.write(`yam: TURN over TLS on TCP port ${server.turnTlsPort}\n`);
  }

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}

type TurnFlags = {
  'turn-port'?: string | undefined;
  'turn-host'?: string | undefined;
  'no-turn'?: boolean | undefined;
  'external-turn'?: string[] | undefined;
  'turn-secret'?: string | undefined;
};

/** The built-in TURN server is on by default (port 3478); flags and env turn it off or point elsewhere. */
function turnOptions(values: TurnFlags, env: NodeJS.ProcessEnv): TurnOptions | undefined {
  const external =
    values['external-turn'] ??
    (env.YAM_EXTERNAL_TURN ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean);
  const secret = values['turn-secret'] ?? env.YAM_TURN_SECRET;
  if (external.length > 0) {
    if (!secret) throw new CliError('--external-turn needs --turn-secret (the shared secret)', 2);
    return { enabled: false, externalTurn: { urls: external, secret } };
  }
  if (values['no-turn'] || env.YAM_TURN === 'off') return undefined;
  const portText = values['turn-port'] ?? env.YAM_TURN_PORT ?? '3478';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new CliError(`invalid TURN port "${portText}"`, 2);
  }
  const publicHost = values['turn-host'] ?? env.YAM_TURN_HOST;
  return { port, ...(publicHost ? { publicHost } : {}), ...(secret ? { secret } : {}) };
}
