import type { Logger } from 'pino';
import type { AcmeIssuer } from './acme-issuer.ts';
import type { CertificateStore } from './certificate-store.ts';
import {
  certificateInfo,
  isMatchingPair,
  type KeyPair,
  type LiveCertificate,
} from './live-certificate.ts';

const DAY_MS = 24 * 60 * 60_000;

export type AcmeRenewalOptions = {
  identifier: string;
  issuer: AcmeIssuer;
  store: CertificateStore;
  /** Renew when this little time is left; default a third of the lifetime, at most 30 days. */
  renewBeforeMs: number | undefined;
  checkIntervalMs: number;
  log: Logger;
};

/**
 * Keeps an ACME certificate current: reuses the stored one while it is not due, issues a
 * new one when it is, and, once started, checks on a timer and swaps the live certificate
 * without a restart. A failed renewal keeps serving the old certificate and tries again
 * at the next check.
 */
export class AcmeRenewal {
  readonly #options: AcmeRenewalOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(options: AcmeRenewalOptions) {
    this.#options = options;
  }

  /** The certificate to start with: the stored one if usable and not due, else a fresh one. */
  async obtain(now = Date.now()): Promise<KeyPair> {
    const { store, identifier, issuer } = this.#options;
    const stored = store.certificate(identifier);
    if (stored && isMatchingPair(stored) && !this.isDue(stored, now)) return stored;
    const fresh = await issuer.issue(identifier);
    store.saveCertificate(identifier, fresh);
    return fresh;
  }

  /** Whether `pair` expires within the renewal window. */
  isDue(pair: KeyPair, now = Date.now()): boolean {
    const { notBefore, notAfter } = certificateInfo(pair.cert);
    const before = this.#options.renewBeforeMs ?? Math.min(30 * DAY_MS, (notAfter - notBefore) / 3);
    return notAfter - now <= before;
  }

  /** Checks every `checkIntervalMs`; a due certificate is renewed and swapped into `live`. */
  start(live: LiveCertificate): void {
    this.#timer = setInterval(() => {
      this.#running ??= this.#renewIfDue(live).finally(() => {
        this.#running = undefined;
      });
    }, this.#options.checkIntervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }

  async #renewIfDue(live: LiveCertificate): Promise<void> {
    const { store, identifier, issuer, log } = this.#options;
    if (!this.isDue(live.current)) return;
    try {
      const fresh = await issuer.issue(identifier);
      store.saveCertificate(identifier, fresh);
      live.swap(fresh);
      log.info(
        { identifier, notAfter: certificateInfo(fresh.cert).notAfter },
        'certificate renewed',
      );
    } catch {
      // AcmeIssuer logged why; the old certificate serves until the next check.
    }
  }
}
