/**
 * Domain-separation labels: every signature an identity key makes starts with one of
 * these, so a signature made for one purpose is never valid for another. The auth label
 * must equal AUTH_LABEL in @yam/protocol (checked by a test; crypto imports nothing internal).
 *
 * MLS signatures (RFC 9420 SignWithLabel) sign a TLS-encoded SignContent whose first byte is
 * the varint length of "MLS 1.0 <label>". Input starting "ya" would need that label to be
 * exactly 14,689 bytes (0x79 0x61 as a 2-byte varint); MLS labels are short constants, so
 * no MLS signature input starts with a Yam label and vice versa. `mls/mls-signature.ts`
 * also refuses, at signing time, any input that starts with "yam-".
 */
export const LABELS = {
  auth: 'yam-auth-v1\n',
  content: 'yam-content-v1\n',
} as const;

export const AUTH_LABEL_BYTES = new TextEncoder().encode(LABELS.auth);
export const CONTENT_LABEL_BYTES = new TextEncoder().encode(LABELS.content);
/** Every Yam-specific label starts with this; MLS signing refuses such inputs. */
export const YAM_LABEL_PREFIX = new TextEncoder().encode('yam-');
