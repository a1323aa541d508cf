import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
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
