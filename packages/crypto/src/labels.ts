/**
 * Domain-separation labels: every signature an identity key makes, and every key Yam
 * derives (HMAC, HKDF, scrypt salt, MLS exporter, hashed IDs), starts with one of these, so
 * a value made for one purpose is never valid for another. All are distinct and none is a
 * prefix of another (labels.test.ts). The auth label must equal AUTH_LABEL in
 * @yam/protocol (checked by a test; crypto imports nothing internal).
 *
 * MLS signatures (RFC 9420 SignWithLabel) sign a TLS-encoded SignContent whose first byte is
 * the varint length of "MLS 1.0 <label>". Input starting "ya" would need that label to be
 * exactly 14,689 bytes (0x79 0x61 as a 2-byte varint); MLS labels are short constants, so
 * no MLS signature input starts with a Yam label and vice versa. `mls/mls-signature.ts`
 * also refuses, at signing time, any input that starts with "yam-".
 */
export const LABELS = {
  /** Signatures: connection auth challenges. [P-AUTH1] */
  auth: 'yam-auth-v1\n',
  /** Signatures: message content envelopes. */
  content: 'yam-content-v1\n',
  /** Signatures: WebRTC DTLS fingerprints bound to a device. [P-SIG5] */
  peer: 'yam-peer-v1\n',
  /** HMAC: a join request's invite MAC. */
  inviteMac: 'yam-invite-mac-v1\n',
  /** HKDF info: the key that seals a joiner's details under its invite key. */
  inviteInfo: 'yam-invite-info-v1',
  /** MLS exporter label: the per-epoch key of sealed records (profiles). */
  epochSeal: 'yam-epoch-seal-v1',
  /** CPace channel identifier prefix: a password join's PAKE run (room-pake.ts). [P-PAKE1] */
  pakeChannel: 'yam-pake-v1\n',
  /** scrypt salt prefix: the key a room password stands for. */
  roomPassword: 'yam-room-password-v1\n',
  /** SHA-256 prefix: a room's MLS group ID. */
  roomGroup: 'yam-room-v1\n',
  /** SHA-256 prefix: the room ID of two clients' DM room. */
  dmRoom: 'yam-dm-v1\n',
  /** Signatures: a member's notice that it leaves a group (rides in its Remove commit). [P-ROLE2] */
  leave: 'yam-leave-v1\n',
  /** QR payload prefix of a safety number. */
  safetyQr: 'yam-safety-v1:',
} as const;

export const AUTH_LABEL_BYTES = new TextEncoder().encode(LABELS.auth);
export const CONTENT_LABEL_BYTES = new TextEncoder().encode(LABELS.content);
/** Every Yam-specific label starts with this; MLS signing refuses such inputs. */
export const YAM_LABEL_PREFIX = new TextEncoder().encode('yam-');
