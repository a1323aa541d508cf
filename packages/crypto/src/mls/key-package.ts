import {
  defaultCapabilities,
  defaultLifetime,
  generateKeyPackageWithKey,
  type KeyPackage,
  type PrivateKeyPackage,
} from 'ts-mls';
import { makeKeyPackageRef, verifyKeyPackage } from 'ts-mls/keyPackage.js';
import { CryptoError } from '../crypto-error.ts';
import type { DeviceIdentity } from '../identity.ts';
import { credentialFor, isValidCredential } from './authentication-service.ts';
import { cipherSuite } from './cipher-suite.ts';
import { MLS_LIMITS } from './limits.ts';
import { decodeMls, encodeMls } from './mls-codec.ts';
import { ROLES_EXTENSION } from './roles-codec.ts';

/**
 * A KeyPackage this device published and the private keys to join with it. One-time:
 * delete it once a Welcome consumed it. The signature key is the device identity, so it is
 * not stored here again. Plain bytes, so clients can persist it (IndexedDB, files).
 */
export type PendingKeyPackage = {
  /** The public KeyPackage as an MLS message: what the server stores and hands out. */
  readonly keyPackage: Uint8Array;
  readonly initPrivateKey: Uint8Array;
  readonly hpkePrivateKey: Uint8Array;
};

/** The default capabilities plus Yam's roles extension, so groups may carry roles. [P-ROLE1] */
export function yamCapabilities() {
  const defaults = defaultCapabilities();
  return { ...defaults, extensions: [...defaults.extensions, ROLES_EXTENSION] };
}

/** Creates a one-time KeyPackage signed by the device identity key. */
export async function createKeyPackage(identity: DeviceIdentity): Promise<PendingKeyPackage> {
  const cs = await cipherSuite();
  const { publicPackage, privatePackage } = await generateKeyPackageWithKey(
    credentialFor(identity.publicKey),
    yamCapabilities(),
    defaultLifetime,
    [],
    { signKey: identity.secretKey, publicKey: identity.publicKey },
    cs,
  );
  return {
    keyPackage: encodeMls({
      version: 'mls10',
      wireformat: 'mls_key_package',
      keyPackage: publicPackage,
    }),
    initPrivateKey: privatePackage.initPrivateKey,
    hpkePrivateKey: privatePackage.hpkePrivateKey,
  };
}

/**
 * Decodes a KeyPackage received from the server and checks it fully: size cap, our cipher
 * suite, its own signature, and our AuthenticationService (identity = hash of the key).
 */
export async function parseKeyPackage(bytes: Uint8Array): Promise<KeyPackage> {
  const { keyPackage } = decodeMls(bytes, 'mls_key_package', MLS_LIMITS.handshakeBytes);
  const cs = await cipherSuite();
  if (keyPackage.cipherSuite !== cs.name) {
    throw new CryptoError('DECODE_FAILED', `unsupported cipher suite ${keyPackage.cipherSuite}`);
  }
  const { leafNode } = keyPackage;
  if (!isValidCredential(leafNode.credential, leafNode.signaturePublicKey)) {
    throw new CryptoError('BAD_CREDENTIAL', 'KeyPackage identity is not the hash of its key');
  }
  if (!(await verifyKeyPackage(keyPackage, cs.signature))) {
    throw new CryptoError('TAMPERED', 'KeyPackage signature does not verify');
  }
  return keyPackage;
}

/** The RFC 9420 KeyPackageRef, which a Welcome uses to say whom it is for. */
export async function keyPackageRef(keyPackage: KeyPackage): Promise<Uint8Array> {
  return makeKeyPackageRef(keyPackage, (await cipherSuite()).hash);
}

/** The ts-mls private half of a pending KeyPackage, for joining. */
export function privatePackageOf(
  pending: PendingKeyPackage,
  identity: DeviceIdentity,
): PrivateKeyPackage {
  return {
    initPrivateKey: pending.initPrivateKey,
    hpkePrivateKey: pending.hpkePrivateKey,
    signaturePrivateKey: identity.secretKey,
  };
}
