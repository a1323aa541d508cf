/**
 * Codes for everything this package rejects. Crypto imports nothing internal, so these are
 * its own codes; the client SDK maps them onto @yam/protocol's `YamError` at its edge.
 */
export const CryptoErrorCode = {
  /** Bytes did not parse (wrong shape, truncated, unknown version). */
  DecodeFailed: 'DECODE_FAILED',
  /** Input larger than the cap for its kind; refused before decoding. */
  TooLarge: 'TOO_LARGE',
  /** The message belongs to an epoch this state cannot process (too old or too new). */
  WrongEpoch: 'WRONG_EPOCH',
  /** The message is not for this group, or this state is no longer a member. */
  NotMember: 'NOT_MEMBER',
  /** A credential whose identity is not the hash of its signature key. */
  BadCredential: 'BAD_CREDENTIAL',
  /** Authentication failed: signature, tag, hash or AEAD check. */
  Tampered: 'TAMPERED',
  /** The key for this message was already used or dropped (replay, or beyond the window). */
  Replay: 'REPLAY',
  /** Wrong passphrase for an identity backup. */
  WrongPassphrase: 'WRONG_PASSPHRASE',
  /** The operation is not allowed in this state (e.g. removing oneself, sending after removal). */
  InvalidState: 'INVALID_STATE',
} as const;
export type CryptoErrorCode = (typeof CryptoErrorCode)[keyof typeof CryptoErrorCode];

/** A typed failure from packages/crypto; `cause` keeps the underlying library error. */
export class CryptoError extends Error {
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CryptoError';
    this.code = code;
  }
}

/** Narrows an unknown value to a CryptoError, optionally with the given code. */
export function isCryptoError(value: unknown, code?: CryptoErrorCode): value is CryptoError {
  return value instanceof CryptoError && (code === undefined || value.code === code);
}
