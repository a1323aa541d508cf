import { isIP } from 'node:net';
import type { ServerOptions } from '@yam/server';
import { CliError } from '../cli-error.ts';

export const TLS_HELP = `  --domain D          serve https for this domain or bare IP with a certificate from an ACME CA
                      (Let's Encrypt by default), renewed by itself (env YAM_DOMAIN)
  --acme-directory U  another ACME CA's directory URL (env YAM_ACME_DIRECTORY)
  --acme-email E      contact address given to the CA (env YAM_ACME_EMAIL)
  --tls-cert FILE     serve https with your own PEM certificate chain, reloaded when it changes (env YAM_TLS_CERT)
  --tls-key FILE      its private key (env YAM_TLS_KEY)
  --https-port P      https port with --domain or --tls-cert (env YAM_HTTPS_PORT, default 443)
  --http-port P       http port that redirects to https and answers ACME (env YAM_HTTP_PORT, default 80)
  --turns-port P      TURN over TLS port with --domain or --tls-cert (env YAM_TURNS_PORT, default 5349)`;

export const TLS_FLAGS = {
  domain: { type: 'string' },
  'acme-directory': { type: 'string' },
  'acme-email': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'https-port': { type: 'string' },
  'http-port': { type: 'string' },
  'turns-port': { type: 'string' },
} as const;

type TlsFlags = { [K in keyof typeof TLS_FLAGS]?: string | undefined };

/** The https part of the server options from flags or YAM_* variables; empty when TLS is off. */
export function tlsOptions(
  values: TlsFlags,
  env: NodeJS.ProcessEnv,
): Pick<ServerOptions, 'domain' | 'tls' | 'acme'> {
  const domain = values.domain ?? env.YAM_DOMAIN;
  const certFile = values['tls-cert'] ?? env.YAM_TLS_CERT;
  const keyFile = values['tls-key'] ?? env.YAM_TLS_KEY;
  if (!domain && !certFile && !keyFile) return {};
  if (Boolean(certFile) !== Boolean(keyFile)) {
    throw new CliError('--tls-cert and --tls-key go together: give both files', 2);
  }
  const directoryUrl = values['acme-directory'] ?? env.YAM_ACME_DIRECTORY;
  const email = values['acme-email'] ?? env.YAM_ACME_EMAIL;
  return {
    ...(domain ? { domain } : {}),
    tls: {
      ...(certFile && keyFile ? { certFile, keyFile } : {}),
      httpsPort: port(values['https-port'] ?? env.YAM_HTTPS_PORT ?? '443', 'https'),
      httpPort: port(values['http-port'] ?? env.YAM_HTTP_PORT ?? '80', 'http'),
    },
    ...(directoryUrl || email
      ? { acme: { ...(directoryUrl ? { directoryUrl } : {}), ...(email ? { email } : {}) } }
      : {}),
  };
}

/** The TURN-over-TLS port from --turns-port / YAM_TURNS_PORT, default 5349. */
export function turnsPort(values: TlsFlags, env: NodeJS.ProcessEnv): number {
  return port(values['turns-port'] ?? env.YAM_TURNS_PORT ?? '5349', 'TURN over TLS');
}

/** What a browser should open: the domain's https URL, else this machine's. */
export function httpsDisplayUrl(domain: string | undefined, httpsPort: number): string {
  const host = domain ? (isIP(domain) === 6 ? `[${domain}]` : domain) : 'localhost';
  return `https://${host}${httpsPort === 443 ? '' : `:${httpsPort}`}/`;
}

function port(text: string, what: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > 65535) throw new CliError(`invalid ${what} port "${text}"`, 2);
  return value;
}
