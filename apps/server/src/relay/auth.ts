import {
  createHash,
  createHmac,
  createPublicKey,
  randomBytes,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import { authMessage, type ChallengeEvent, type ClientId, parseClientId } from '@yam/protocol';

/** A fresh single-use challenge bound to this server's origin. [P-AUTH1] [P-AUTH2] */
export function createChallenge(origin: string, ttlMs: number, now = Date.now()): ChallengeEvent {
  return {
    t: 'challenge',
    v: 1,
    nonce: randomBytes(32).toString('base64url'),
    origin,
    expiresAt: now + ttlMs,
  };
}

/**
 * Checks an Ed25519 signature over authMessage(origin, nonce) and returns the client ID
 * of the key, or undefined when the key or signature is not valid. [P-AUTH1] [P-ID2]
 */
export function verifyAuth(
  challenge: { origin: string; nonce: string },
  publicKey: string,
  signature: string,
): ClientId | undefined {
  const keyBytes = Buffer.from(publicKey, 'base64url');
  const sigBytes = Buffer.from(signature, 'base64url');
  if (keyBytes.length !== 32 || sigBytes.length !== 64) return undefined;
  try {
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: publicKey },
      format: 'jwk',
    });
    if (!verify(null, authMessage(challenge.origin, challenge.nonce), key, sigBytes))
      return undefined;
  } catch {
    return undefined;
  }
  return parseClientId(createHash('sha256').update(keyBytes).digest('base64url'));
}

/**
 * Resume tokens [P-AUTH5]: `<clientId>.<expiresAt>.<mac>`, mac = HMAC-SHA256(secret,
 * `<clientId>.<expiresAt>`). Stateless, so any process sharing the secret accepts them.
 */
export class ResumeTokens {
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
    return createHmac('sha256', this.#secret).update(body).digest('base64url');
  }
}
