import { decodeMlsMessage, encodeMlsMessage, type MLSMessage } from 'ts-mls';
import { CryptoError } from '../crypto-error.ts';

type Wireformat = MLSMessage['wireformat'];
type WithFormat<W extends Wireformat> = Extract<MLSMessage, { wireformat: W }>;

/**
 * Decodes one MLS message of the expected wire format. Refuses oversize input before the
 * decoder sees it, and input with trailing bytes (a message must be exactly one message).
 */
export function decodeMls<W extends Wireformat>(
  bytes: Uint8Array,
  wireformat: W,
  maxBytes: number,
): WithFormat<W> {
  if (!(bytes instanceof Uint8Array)) throw new CryptoError('DECODE_FAILED', 'not bytes');
  if (bytes.length > maxBytes) {
    throw new CryptoError('TOO_LARGE', `${wireformat} of ${bytes.length} bytes > ${maxBytes}`);
  }
  let decoded: [MLSMessage, number] | undefined;
  try {
    decoded = decodeMlsMessage(bytes, 0);
  } catch (cause) {
    throw new CryptoError('DECODE_FAILED', `not an MLS message`, { cause });
  }
  if (decoded === undefined || decoded[1] !== bytes.length) {
    throw new CryptoError('DECODE_FAILED', 'not an MLS message');
  }
  const message = decoded[0];
  if (message.version !== 'mls10') throw new CryptoError('DECODE_FAILED', 'not MLS 1.0');
  if (message.wireformat !== wireformat) {
    throw new CryptoError('DECODE_FAILED', `expected ${wireformat}, got ${message.wireformat}`);
  }
  return message as WithFormat<W>;
}

/** Encodes an MLS message to its wire bytes. */
export function encodeMls(message: MLSMessage): Uint8Array {
  return encodeMlsMessage(message);
}
