import { decodeEnvelope, type Envelope, envelopeAuthor, verifyEnvelope } from '@yam/crypto';
import type { ReceivedMessage } from '../types.ts';

/**
 * Checks a message another member forwarded as history, whose payload is the author's
 * signed envelope: it must decode, its signature must verify, the signing key must hash
 * to the claimed author's client ID, and it must be for this room and message ID. The
 * forwarder cannot forge, alter or re-attribute content; it can only withhold it. [P-SIG6]
 * Returns the envelope, or undefined for anything that fails.
 */
export function verifyForwardedEnvelope(m: ReceivedMessage): Envelope | undefined {
  let envelope: Envelope;
  try {
    envelope = decodeEnvelope(m.payload);
  } catch {
    return undefined;
  }
  if (envelope.room !== m.room || envelope.messageId !== m.cmid) return undefined;
  if (!verifyEnvelope(envelope) || envelopeAuthor(envelope) !== m.from) return undefined;
  return envelope;
}
