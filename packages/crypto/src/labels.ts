/**
 * Domain-separation labels: every signature an identity key makes starts with one of
 * these, so a signature made for one purpose is never valid for another. The auth label
 * must equal AUTH_LABEL in @yam/protocol (checked by a test; crypto imports nothing internal).
 */
export const LABELS = {
  auth: 'yam-auth-v1\n',
} as const;

export const AUTH_LABEL_BYTES = new TextEncoder().encode(LABELS.auth);
