/** Size caps checked before any bytes reach the MLS decoder (a decoder is attack surface). */
export const MLS_LIMITS = {
  /** Commits, proposals, Welcomes and KeyPackages. A 200-member Welcome is ~100 KiB. */
  handshakeBytes: 1024 * 1024,
  /** Application messages (the encrypted envelope). */
  applicationBytes: 256 * 1024,
  /** Serialised group state kept by clients (trees grow with members). */
  groupStateBytes: 8 * 1024 * 1024,
} as const;
