import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { AcmeIssuer } from './acme-issuer.ts';
import { AcmeRenewal } from './acme-renewal.ts';
import { readCertificateFiles, watchCertificateFiles } from './certificate-files.ts';
import { CertificateStore } from './certificate-store.ts';
import { createRedirectServer } from './http-redirect.ts';
import { LiveCertificate } from './live-certificate.ts';
import type { TlsConfig } from './tls-config.ts';

export type TlsSetup = {
  /** The certificate every TLS listener presents; swaps on renewal or file change. */
  live: LiveCertificate;
  /** The port the http->https redirect (and ACME HTTP-01) listens on. */
  httpPort: number;
  /** Tells the redirect the https port once it listens (needed when it was configured as 0). */
  setHttpsPort(port: number): void;
  close(): Promise<void>;
};

/**
 * Starts the http listener (redirects, ACME challenges), then gets the first certificate:
 * the operator's files, the stored ACME certificate, or a new one from the CA. After that
 * it keeps the certificate current: file changes are reloaded, ACME certificates renewed.
 */
export async function setupTls(
  config: TlsConfig,
  host: string,
  dataDir: string,
  log: Logger,
): Promise<TlsSetup> {
  const tlsLog = log.child({ part: 'tls' });
  let httpsPort = config.httpsPort;
  const setHttpsPort = (port: number) => {
    httpsPort = port;
  };
  const store = config.acme ? new CertificateStore(dataDir) : undefined;
  const issuer =
    config.acme && store
      ? new AcmeIssuer({
          directoryUrl: config.acme.directoryUrl,
          email: config.acme.email,
          store,
          log: tlsLog,
        })
      : undefined;
  const redirect = createRedirectServer({
    domain: config.domain,
    httpsPort: () => httpsPort,
    ...(issuer ? { challengeResponse: (token: string) => issuer.challengeResponse(token) } : {}),
  });
  const httpPort = await listen(redirect, config.httpPort, host);
  const closeRedirect = () =>
    new Promise<void>((resolve) => {
      redirect.closeAllConnections();
      redirect.close(() => resolve());
    });

  try {
    if (config.files) {
      const live = new LiveCertificate(readCertificateFiles(config.files));
      const unwatch = watchCertificateFiles(config.files, live, tlsLog);
      return {
        live,
        httpPort,
        setHttpsPort,
        close: async () => {
          unwatch();
          await closeRedirect();
        },
      };
    }
    if (!config.acme || !issuer || !store || !config.domain) {
      throw new TypeError('TLS needs a domain or certificate files');
    }
    const renewal = new AcmeRenewal({
      identifier: config.domain,
      issuer,
      store,
      renewBeforeMs: config.acme.renewBeforeMs,
      checkIntervalMs: config.acme.checkIntervalMs,
      log: tlsLog,
    });
    const live = new LiveCertificate(await renewal.obtain());
    renewal.start(live);
    return {
      live,
      httpPort,
      setHttpsPort,
      close: async () => {
        await renewal.stop();
        await closeRedirect();
      },
    };
  } catch (error) {
    await closeRedirect();
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
