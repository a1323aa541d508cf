import { CryptoError, type CryptoErrorCode } from '../crypto-error.ts';

/**
 * Maps a ts-mls failure onto a CryptoError. ts-mls signals failures with a few classes
 * (ValidationError, CryptoVerificationError, CodecError, UsageError...) and a message;
 * the message is the only place that says which check failed, so we match on it here,
 * in one place; the adversary tests pin each mapping we rely on.
 */
export function toCryptoError(err: unknown, fallback: CryptoErrorCode): CryptoError {
  if (err instanceof CryptoError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new CryptoError(codeFor(message, fallback), message, { cause: err });
}

const RULES: ReadonlyArray<readonly [RegExp, CryptoErrorCode]> = [
  [/credential/i, 'BAD_CREDENTIAL'],
  [/epoch/i, 'WRONG_EPOCH'],
  [/Desired gen in the past|too far in the future|No matching secret/i, 'REPLAY'],
  [/removed from group|not a member|SenderData did not point/i, 'NOT_MEMBER'],
  [/decode|Codec/i, 'DECODE_FAILED'],
  [
    /signature|verify|membership|confirmation tag|tag|decrypt|cipher|OperationError|hash/i,
    'TAMPERED',
  ],
];

function codeFor(message: string, fallback: CryptoErrorCode): CryptoErrorCode {
  for (const [pattern, code] of RULES) if (pattern.test(message)) return code;
  return fallback;
}
