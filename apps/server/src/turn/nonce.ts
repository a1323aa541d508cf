import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Stateless nonces: expiry plus an HMAC binding it to the client's transport address, so the
 * server keeps no per-client state before authentication and a nonce cannot be moved elsewhere.
 */
export class NonceIssuer {
  readonly #key = randomBytes(32);
  readonly #ttlMs: number;

  constructor(ttlMs: number) {
    this.#ttlMs = ttlMs;
  }

  issue(clientKey: string, now: number = Date.now()): string {
    const expiry = (now + this.#ttlMs).toString(36);
    return `${expiry}.${this.#mac(expiry, clientKey)}`;
  }

  /** 'stale' covers expired and foreign nonces alike: both are answered with 438 and a fresh one. */
  check(nonce: string, clientKey: string, now: number = Date.now()): 'ok' | 'stale' {
    const [expiry, mac] = nonce.split('.');
    if (!expiry || !mac || nonce.length > 128) return 'stale';
    const expected = Buffer.from(this.#mac(expiry, clientKey));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'stale';
    return Number.parseInt(expiry, 36) > now ? 'ok' : 'stale';
  }

  #mac(expiry: string, clientKey: string): string {
    return createHmac('sha256', this.#key)
      .update(`${expiry}|${clientKey}`)
      .digest('base64url')
      .slice(0, 22);
  }
}
