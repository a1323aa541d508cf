import { createHmac, timingSafeEqual } from 'node:crypto';
import { type ClientId, parseClientId } from '@yam/protocol';

/** Keeps upload tokens apart from any other MAC made with the same server secret. */
const LABEL = 'yam-blob-upload-v1';

/**
 * Blob upload tokens [P-BLOB3]: `<clientId>.<expiresAt>.<mac>`, mac = HMAC-SHA256(secret,
 * label + `<clientId>.<expiresAt>`). Granted only over an authenticated connection, valid
 * for uploads only and for a short time (default 60 s); stateless, so any process sharing
 * the secret accepts them.
 */
export class UploadTokens {
  readonly #secret: Uint8Array;
  readonly #ttlMs: number;

  constructor(secret: Uint8Array, ttlMs: number) {
    this.#secret = secret;
    this.#ttlMs = ttlMs;
  }

  issue(clientId: ClientId, now = Date.now()): { token: string; expiresAt: number } {
    const expiresAt = now + this.#ttlMs;
    const body = `${clientId}.${expiresAt}`;
    return { token: `${body}.${this.#mac(body)}`, expiresAt };
  }

  /** The client ID a token vouches for, or undefined when it is malformed, forged or expired. */
  verify(token: string, now = Date.now()): ClientId | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [id, expires, mac] = parts as [string, string, string];
    const clientId = parseClientId(id);
    const expiresAt = /^\d{1,16}$/.test(expires) ? Number(expires) : Number.NaN;
    if (!clientId || !(expiresAt > now)) return undefined;
    const expected = Buffer.from(this.#mac(`${id}.${expires}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return clientId;
  }

  #mac(body: string): string {
    return createHmac('sha256', this.#secret).update(`${LABEL}\n${body}`).digest('base64url');
  }
}
