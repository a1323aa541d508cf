import type { Signature } from 'ts-mls';
import { startsWith } from '../bytes.ts';
import { YAM_LABEL_PREFIX } from '../labels.ts';
import { nobleEd25519 } from './paths/ed25519-noble.ts';

/**
 * Wraps an MLS Ed25519 implementation so it refuses to sign anything that starts with a
 * Yam label: the device key can never be tricked into making an auth or content signature
 * through the MLS path, whichever crypto path signs.
 */
export function guardYamLabels(inner: Signature): Signature {
  return {
    async sign(signKey, message) {
      if (startsWith(message, YAM_LABEL_PREFIX)) {
        throw new Error('the MLS signer does not sign Yam-labelled input');
      }
      return inner.sign(signKey, message);
    },
    verify: (publicKey, message, signature) => inner.verify(publicKey, message, signature),
    keygen: () => inner.keygen(),
  };
}

/** The pure-JS MLS signer with the label guard (the fallback path's signature half). */
export const mlsSignature: Signature = guardYamLabels(nobleEd25519);
