import {
  type CiphersuiteImpl,
  type CiphersuiteName,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
  type Signature,
} from 'ts-mls';
import { guardYamLabels } from './mls-signature.ts';
import { webCryptoAesGcm } from './paths/aes-gcm-web-crypto.ts';
import { nobleEd25519 } from './paths/ed25519-noble.ts';
import { webCryptoEd25519 } from './paths/ed25519-web-crypto.ts';
import { pureJsHash, pureJsKdf } from './paths/pure-js-primitives.ts';
import { webCryptoEd25519Works } from './paths/web-crypto-probe.ts';

/** The only cipher suite Yam rooms use: X25519, AES-128-GCM, SHA-256, Ed25519 (suite 1). */
export const CIPHER_SUITE: CiphersuiteName = 'MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519';

/**
 * How MLS signs and verifies (Ed25519): `web-crypto` through `crypto.subtle` (native code),
 * `pure-js` through @noble (the fallback where the platform lacks Web Crypto Ed25519).
 * Both make the same bytes; only speed differs. The rest is the same on both: AES-128-GCM
 * through Web Crypto (every secure context has it; Yam runs only there), SHA-256, HMAC and
 * HKDF in pure JS, HPKE (X25519) by @hpke/core.
 */
export type MlsCryptoPath = 'web-crypto' | 'pure-js';

let wanted: MlsCryptoPath | 'auto' = 'auto';
const built = new Map<MlsCryptoPath, Promise<CiphersuiteImpl>>();
// One Web Crypto signer for MLS and content signatures, so both share its imported keys.
let webEd25519: Signature | undefined;

function ed25519Of(path: MlsCryptoPath): Signature {
  if (path === 'pure-js') return nobleEd25519;
  webEd25519 ??= webCryptoEd25519(globalThis.crypto.subtle);
  return webEd25519;
}

/**
 * Ed25519 on the current path, without the MLS label guard: for Yam's own signatures,
 * whose inputs start with their Yam label (content signatures), so they never pass for MLS.
 */
export async function pathEd25519(): Promise<Signature> {
  return ed25519Of(await mlsCryptoPath());
}

/**
 * Chooses the path for every later MLS operation: `auto` (the default) takes Web Crypto
 * when it passes the RFC 8032 known-answer probe. For benchmarks and tests of both paths.
 */
export function useMlsCryptoPath(path: MlsCryptoPath | 'auto'): void {
  wanted = path;
}

/** The path MLS operations use now (`auto` resolved by probing the platform once). */
export async function mlsCryptoPath(): Promise<MlsCryptoPath> {
  if (wanted !== 'auto') return wanted;
  const subtle = globalThis.crypto?.subtle;
  return subtle !== undefined && (await webCryptoEd25519Works(subtle)) ? 'web-crypto' : 'pure-js';
}

/** The suite implementation for the current path, built once per path. */
export async function cipherSuite(): Promise<CiphersuiteImpl> {
  return cipherSuiteFor(await mlsCryptoPath());
}

/** The suite implementation of one path, built once; its signer refuses Yam-labelled input. */
export function cipherSuiteFor(path: MlsCryptoPath): Promise<CiphersuiteImpl> {
  let suite = built.get(path);
  if (suite === undefined) {
    suite = buildSuite(path);
    built.set(path, suite);
  }
  return suite;
}

async function buildSuite(path: MlsCryptoPath): Promise<CiphersuiteImpl> {
  // AES-GCM through Web Crypto (paths/aes-gcm-web-crypto.ts); @noble's AES-GCM would
  // rebuild its GHASH tables for every message key (each message has its own), several
  // times slower.
  const base = await getCiphersuiteImpl(getCiphersuiteFromName(CIPHER_SUITE));
  const ed25519 = path === 'web-crypto' ? webCryptoEd25519(globalThis.crypto.subtle) : nobleEd25519;
  const hpke = { ...base.hpke, ...webCryptoAesGcm(globalThis.crypto.subtle) };
  return { ...base, hpke, hash: pureJsHash, kdf: pureJsKdf, signature: guardYamLabels(ed25519) };
}
