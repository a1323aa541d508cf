import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import {
  clientIdOf,
  createIdentity,
  identityFromSecretKey,
  signAuthChallenge,
  verifyAuthChallenge,
} from './identity.ts';
import { LABELS } from './labels.ts';

const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((b) => Number.parseInt(b, 16)));
const auth = (origin: string, nonce: string) =>
  new TextEncoder().encode(`${LABELS.auth}${origin}\n${nonce}`);

describe('device identity', () => {
  it('derives the RFC 8032 test-vector public key from its secret key', () => {
    const id = identityFromSecretKey(
      hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'),
    );
    expect(id.publicKey).toEqual(
      hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'),
    );
  });

  it('[P-ID2] client ID is base64url SHA-256 of the public key, 43 chars', () => {
    const id = createIdentity();
    expect(id.clientId).toHaveLength(43);
    expect(id.clientId).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(id.clientId).toBe(clientIdOf(id.publicKey));
    const digest = sha256(id.publicKey);
    const expected = btoa(String.fromCharCode(...digest))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect(id.clientId).toBe(expected);
  });

  it('two fresh identities differ', () => {
    expect(createIdentity().clientId).not.toBe(createIdentity().clientId);
  });

  it('[P-AUTH1] an auth signature verifies only for the same origin, nonce and key', () => {
    const id = createIdentity();
    const message = auth('https://a.example', 'nonce1');
    const signature = signAuthChallenge(id, message);
    expect(verifyAuthChallenge(id.publicKey, message, signature)).toBe(true);
    expect(verifyAuthChallenge(id.publicKey, auth('https://b.example', 'nonce1'), signature)).toBe(
      false,
    );
    expect(verifyAuthChallenge(id.publicKey, auth('https://a.example', 'nonce2'), signature)).toBe(
      false,
    );
    expect(verifyAuthChallenge(createIdentity().publicKey, message, signature)).toBe(false);
    const tampered = signature.slice();
    tampered[0]! ^= 1;
    expect(verifyAuthChallenge(id.publicKey, message, tampered)).toBe(false);
  });

  it('[P-AUTH1] refuses to sign, or accept, anything that is not an auth challenge', () => {
    const id = createIdentity();
    const notAuth = new TextEncoder().encode('MLS 1.0 anything else');
    expect(() => signAuthChallenge(id, notAuth)).toThrow();
    expect(verifyAuthChallenge(id.publicKey, new Uint8Array(64), new Uint8Array(64))).toBe(false);
  });
});
