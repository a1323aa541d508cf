import {
  type CiphersuiteImpl,
  type CiphersuiteName,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
} from 'ts-mls';
import { mlsSignature } from './mls-signature.ts';

/** The only cipher suite Yam rooms use: X25519, AES-128-GCM, SHA-256, Ed25519 (suite 1). */
export const CIPHER_SUITE: CiphersuiteName = 'MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519';

let cached: Promise<CiphersuiteImpl> | undefined;

/** The suite implementation, built once; its signature half is our own Ed25519. */
export function cipherSuite(): Promise<CiphersuiteImpl> {
  cached ??= getCiphersuiteImpl(getCiphersuiteFromName(CIPHER_SUITE)).then((impl) => ({
    ...impl,
    signature: mlsSignature,
  }));
  return cached;
}
