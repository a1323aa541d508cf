import { isIP } from 'node:net';

/** `tls` in ServerOptions: serve https yourself, with your own files or an ACME certificate. */
export type TlsOptions = {
  /** PEM certificate chain and key you manage; reloaded when the files change. */
  certFile?: string;
  keyFile?: string;
  /** The https port; default 443; 0 picks a free port (tests). */
  httpsPort?: number;
  /** The http port that redirects to https and answers ACME HTTP-01; default 80; 0 picks a free port. */
  httpPort?: number;
  /** Strict-Transport-Security max-age in seconds; default two years. */
  hstsMaxAgeSeconds?: number;
};

/** `acme` in ServerOptions: how `domain` gets and renews its certificate. */
export type AcmeOptions = {
  /** The CA's ACME directory; default Let's Encrypt production. */
  directoryUrl?: string;
  /** Contact address given to the CA (expiry mails); optional. */
  email?: string;
  /** Renew when the certificate expires within this; default a third of its lifetime, at most 30 days. */
  renewBeforeMs?: number;
  /** How often the certificate's expiry is checked; default 12 hours. */
  checkIntervalMs?: number;
};

export const LETS_ENCRYPT_DIRECTORY = 'https://acme-v02.api.letsencrypt.org/directory';

export type TlsConfig = {
  /** The name or IP the certificate is for (ACME) or the public origin uses; undefined with own files and no domain. */
  domain: string | undefined;
  files: { certFile: string; keyFile: string } | undefined;
  httpsPort: number;
  httpPort: number;
  hstsMaxAgeSeconds: number;
  /** Set when the certificate comes from ACME (a domain and no own files). */
  acme:
    | {
        directoryUrl: string;
        email: string | undefined;
        renewBeforeMs: number | undefined;
        checkIntervalMs: number;
      }
    | undefined;
};

/**
 * TLS is on when a domain or own certificate files are given. Throws a TypeError on a
 * half-given pair of files or a malformed domain, so misconfiguration fails at start.
 */
export function resolveTlsConfig(
  domain: string | undefined,
  tls: TlsOptions | undefined,
  acme: AcmeOptions | undefined,
): TlsConfig | undefined {
  const name = domain ? normaliseDomain(domain) : undefined;
  if (Boolean(tls?.certFile) !== Boolean(tls?.keyFile)) {
    throw new TypeError('give both a certificate file and a key file (--tls-cert and --tls-key)');
  }
  const files =
    tls?.certFile && tls.keyFile ? { certFile: tls.certFile, keyFile: tls.keyFile } : undefined;
  if (!name && !files) return undefined;
  return {
    domain: name,
    files,
    httpsPort: tls?.httpsPort ?? 443,
    httpPort: tls?.httpPort ?? 80,
    hstsMaxAgeSeconds: tls?.hstsMaxAgeSeconds ?? 63_072_000,
    acme:
      name && !files
        ? {
            directoryUrl: acme?.directoryUrl
              ? new URL(acme.directoryUrl).toString()
              : LETS_ENCRYPT_DIRECTORY,
            email: acme?.email,
            renewBeforeMs: acme?.renewBeforeMs,
            checkIntervalMs: acme?.checkIntervalMs ?? 12 * 60 * 60_000,
          }
        : undefined,
  };
}

/** Lower-cased host name, or an IP without brackets; anything else is refused. */
function normaliseDomain(domain: string): string {
  const bare = domain.trim().replace(/^\[|\]$/g, '');
  if (isIP(bare)) return bare;
  const name = bare.toLowerCase().replace(/\.$/, '');
  if (
    !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(
      name,
    )
  ) {
    throw new TypeError(`"${domain}" is not a domain name or IP address`);
  }
  return name;
}

/** https://<domain>[:port]/ — the public URL a domain implies. */
export function domainPublicUrl(domain: string, httpsPort: number): string {
  const host = isIP(domain) === 6 ? `[${domain}]` : domain;
  return `https://${host}${httpsPort === 443 ? '' : `:${httpsPort}`}/`;
}
