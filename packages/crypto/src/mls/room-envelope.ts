import { CryptoError } from '../crypto-error.ts';
import {
  decodeEnvelope,
  type Envelope,
  encodeEnvelope,
  envelopeAuthor,
  sealEnvelopeAsync,
  verifyEnvelopeAsync,
} from '../envelope.ts';
import type { DeviceIdentity } from '../identity.ts';
import type { RoomGroup } from './room-group.ts';
import { decryptMessage, encryptMessage } from './room-messages.ts';

/** Signs a message envelope and encrypts it for the room: what a client sends. */
export async function sealAndEncrypt(
  group: RoomGroup,
  identity: DeviceIdentity,
  content: { room: string; messageId: string; body: Uint8Array },
): Promise<{ ciphertext: Uint8Array; envelope: Envelope; group: RoomGroup }> {
  const envelope = await sealEnvelopeAsync(identity, content);
  const sent = await encryptMessage(group, encodeEnvelope(envelope));
  return { ciphertext: sent.ciphertext, envelope, group: sent.group };
}

/**
 * Decrypts and checks a room message: the envelope must be for this room, its signature
 * must verify, and its author must be the MLS sender (a member cannot pass off another
 * member's words as their own send, even by replaying a signed envelope).
 */
export async function decryptAndOpen(
  group: RoomGroup,
  room: string,
  ciphertext: Uint8Array,
): Promise<{ envelope: Envelope; group: RoomGroup }> {
  const decrypted = await decryptMessage(group, ciphertext);
  const envelope = decodeEnvelope(decrypted.plaintext);
  if (envelope.room !== room) throw new CryptoError('TAMPERED', 'envelope is for another room');
  if (!(await verifyEnvelopeAsync(envelope)))
    throw new CryptoError('TAMPERED', 'content signature is invalid');
  if (envelopeAuthor(envelope) !== decrypted.senderClientId) {
    throw new CryptoError('TAMPERED', 'envelope author is not the MLS sender');
  }
  return { envelope, group: decrypted.group };
}
