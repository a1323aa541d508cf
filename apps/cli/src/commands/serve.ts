import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServer } from '@yam/server';
import { CliError } from '../cli-error.ts';

export const SERVE_HELP = `Usage: yam serve [options]

Runs the Yam server (relay, web app, storage) in this process.

  --host H            address to listen on (env YAM_HOST, default 0.0.0.0)
  --port P            port, 0 for any free one (env YAM_PORT, default 8080)
  --data DIR          data folder (env YAM_DATA_DIR, default ./data)
  --app-url URL       where Room URLs redirect to (env YAM_APP_URL)
  --allow-origin O    extra allowed WebSocket origin, repeatable (env YAM_ALLOWED_ORIGINS, comma list)
  --public-url URL    the server's public https URL (env YAM_PUBLIC_URL)
  --log-level L       silent, error, warn, info, debug (env YAM_LOG_LEVEL, default info; logs go to stderr)
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
      'app-url': { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'public-url': { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
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

  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      host,
      port,
      dataDir: values.data ?? env.YAM_DATA_DIR ?? './data',
      ...(appUrl ? { appUrl } : {}),
      ...(publicUrl ? { publicUrl } : {}),
      allowedOrigins,
      ...(existsSync(WEB_DIST) ? { webRoot: WEB_DIST } : {}),
      logLevel: values['log-level'] ?? env.YAM_LOG_LEVEL ?? 'info',
      // stdout carries the one "running at" line; logs go to stderr.
      logStream: process.stderr,
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE')
      throw new CliError(`port ${port} is in use; pick another with --port`);
    if (e.code === 'EACCES') throw new CliError(`no permission to listen on ${host}:${port}`);
    if (e instanceof TypeError) throw new CliError(`bad configuration: ${e.message}`, 2);
    throw error;
  }
  process.stdout.write(
    `Yam is running at ${displayUrl(host, server.port, publicUrl)}  (open it in a browser)\n`,
  );

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
