import { sha256 } from '@noble/hashes/sha2.js';
import type { AuthenticationService, Credential } from 'ts-mls';
import { equalBytes } from '../bytes.ts';

/**
 * Yam's MLS AuthenticationService: a credential is valid only if it is a basic credential
 * whose identity is SHA-256 of the leaf's signature key, i.e. the raw client ID bytes.
 * Client IDs certify themselves, so no other check is needed (or possible).
 */
export const yamAuthenticationService: AuthenticationService = {
  async validateCredential(credential: Credential, signaturePublicKey: Uint8Array) {
    return isValidCredential(credential, signaturePublicKey);
  },
};

/** Whether `credential` names the holder of `signaturePublicKey` (see above). */
export function isValidCredential(credential: Credential, signaturePublicKey: Uint8Array): boolean {
  if (credential.credentialType !== 'basic') return false;
  if (signaturePublicKey.length !== 32) return false;
  return equalBytes(credential.identity, sha256(signaturePublicKey));
}

/** The credential for a device's Ed25519 public key. */
export function credentialFor(publicKey: Uint8Array): Credential {
  return { credentialType: 'basic', identity: sha256(publicKey) };
}
