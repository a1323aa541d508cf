import { isIP } from 'node:net';
import * as acme from 'acme-client';
import type { Logger } from 'pino';
import type { CertificateStore } from './certificate-store.ts';
import type { KeyPair } from './live-certificate.ts';
import { TlsError } from './tls-error.ts';

export type AcmeIssuerOptions = {
  directoryUrl: string;
  email: string | undefined;
  store: CertificateStore;
  log: Logger;
};

/**
 * Gets a certificate for one name or IP from an ACME CA (RFC 8555) by HTTP-01: the CA
 * fetches `http://<identifier>/.well-known/acme-challenge/<token>`, which the redirect
 * listener answers from `challengeResponse`.
 *
 * acme-client's `auto()` orders only `dns` identifiers, so the order is driven step by
 * step here; that also carries `ip` identifiers (RFC 8738), and asks for the CA's
 * `shortlived` profile for them when the directory offers it (Let's Encrypt issues IP
 * certificates only in that profile).
 */
export class AcmeIssuer {
  readonly #options: AcmeIssuerOptions;
  /** token -> key authorization, only while an order is being validated. */
  readonly #challenges = new Map<string, string>();
  /** One client per process: its account is registered (or found again by key) once. */
  #client: Promise<acme.Client> | undefined;

  constructor(options: AcmeIssuerOptions) {
    this.#options = options;
  }

  /** The key authorization for an HTTP-01 token we are waiting on, else undefined. */
  challengeResponse(token: string): string | undefined {
    return this.#challenges.get(token);
  }

  async issue(identifier: string): Promise<KeyPair> {
    const { directoryUrl, log } = this.#options;
    try {
      this.#client ??= this.#register().catch((error: unknown) => {
        this.#client = undefined; // try registering again next time
        throw error;
      });
      const client = await this.#client;
      const type = isIP(identifier) ? 'ip' : 'dns';
      const profile = type === 'ip' ? await this.#shortLivedProfile() : undefined;
      const order = await client.createOrder({
        identifiers: [{ type, value: identifier }],
        ...(profile ? { profile } : {}),
      } as Parameters<typeof client.createOrder>[0]);
      for (const authz of await client.getAuthorizations(order)) {
        if (authz.status === 'valid') continue;
        const challenge = authz.challenges.find((c) => c.type === 'http-01');
        if (!challenge) throw new Error('the CA offers no http-01 challenge');
        const keyAuthorization = await client.getChallengeKeyAuthorization(challenge);
        this.#challenges.set(challenge.token, keyAuthorization);
        try {
          await client.completeChallenge(challenge);
          await client.waitForValidStatus(challenge);
        } finally {
          this.#challenges.delete(challenge.token);
        }
      }
      const [key, csr] = await acme.crypto.createCsr(
        { altNames: [identifier] },
        await acme.crypto.createPrivateEcdsaKey('P-256'),
      );
      const finalized = await client.finalizeOrder(order, csr);
      const cert = await client.getCertificate(finalized);
      log.info({ identifier, directoryUrl }, 'acme certificate issued');
      return { cert, key: key.toString() };
    } catch (error) {
      log.warn({ identifier, directoryUrl, err: String(error) }, 'acme issuance failed');
      throw new TlsError(
        'ACME_FAILED',
        `could not get a certificate for ${identifier} from ${directoryUrl}: check that ` +
          `${identifier} points at this machine and that port 80 reaches this server`,
        { cause: error },
      );
    }
  }

  async #register(): Promise<acme.Client> {
    const client = new acme.Client({
      directoryUrl: this.#options.directoryUrl,
      accountKey: await this.#accountKey(),
      backoffMin: 200,
      backoffMax: 5_000,
      backoffAttempts: 12,
    });
    // With a known key the CA returns the existing account instead of a new one.
    await client.createAccount({
      termsOfServiceAgreed: true,
      ...(this.#options.email ? { contact: [`mailto:${this.#options.email}`] } : {}),
    });
    return client;
  }

  async #accountKey(): Promise<string> {
    const { store } = this.#options;
    const existing = store.accountKey();
    if (existing) return existing;
    const created = (await acme.crypto.createPrivateEcdsaKey('P-256')).toString();
    store.saveAccountKey(created);
    return created;
  }

  /** 'shortlived' when the CA's directory lists that profile (draft-ietf-acme-profiles). */
  async #shortLivedProfile(): Promise<string | undefined> {
    const response = await acme.axios.get(this.#options.directoryUrl);
    const profiles = (response.data as { meta?: { profiles?: Record<string, unknown> } }).meta
      ?.profiles;
    return profiles && 'shortlived' in profiles ? 'shortlived' : undefined;
  }
}
