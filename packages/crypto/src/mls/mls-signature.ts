import { ed25519 } from '@noble/curves/ed25519.js';
import type { Signature } from 'ts-mls';
import { startsWith } from '../bytes.ts';
import { YAM_LABEL_PREFIX } from '../labels.ts';

/**
 * Ed25519 for MLS, from our own @noble/curves rather than ts-mls's optional peer (pinned
 * to an older @noble/curves) or WebCrypto Ed25519 (missing in some browsers): the same
 * code signs auth challenges, content and MLS messages on every platform.
 *
 * It refuses to sign anything that starts with a Yam label, so the device key can never be
 * tricked into making an auth or content signature through the MLS path.
 */
export const mlsSignature: Signature = {
  async sign(signKey, message) {
    if (startsWith(message, YAM_LABEL_PREFIX)) {
      throw new Error('the MLS signer does not sign Yam-labelled input');
    }
    return ed25519.sign(message, signKey);
  },
  async verify(publicKey, message, signature) {
    try {
      return ed25519.verify(signature, message, publicKey);
    } catch {
      return false;
    }
  },
  async keygen() {
    const signKey = ed25519.utils.randomSecretKey();
    return { signKey, publicKey: ed25519.getPublicKey(signKey) };
  },
};
