import { ed25519 } from '@noble/curves/ed25519.js';
import type { Signature } from 'ts-mls';

/**
 * Ed25519 for MLS in pure JavaScript (@noble/curves): the fallback where Web Crypto has
 * no Ed25519. Verification is RFC 8032 strict (`zip215: false`: canonical encodings, S
 * below the group order), the rule the Web Crypto path follows too.
 */
export const nobleEd25519: Signature = {
  async sign(signKey, message) {
    return ed25519.sign(message, signKey);
  },
  async verify(publicKey, message, signature) {
    try {
      return ed25519.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  },
  async keygen() {
    const signKey = ed25519.utils.randomSecretKey();
    return { signKey, publicKey: ed25519.getPublicKey(signKey) };
  },
};
