import { describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope, envelopeAuthor, verifyEnvelope } from '../envelope.ts';
import { removeMember } from './membership.ts';
import { decryptAndOpen, sealAndEncrypt } from './room-envelope.ts';
import { encryptMessage } from './room-messages.ts';
import { expectCryptoError, read, roomWith, text } from './test-helpers.ts';

describe('signed envelopes inside MLS messages', () => {
  it('delivers a verified envelope whose author is the MLS sender', async () => {
    const [a, b] = await roomWith(2);
    const sent = await sealAndEncrypt(a!.group, a!.identity, {
      room: 'room-1',
      messageId: 'm1',
      body: text('hi'),
    });
    const got = await decryptAndOpen(b!.group, 'room-1', sent.ciphertext);
    expect(read(got.envelope.body)).toBe('hi');
    expect(envelopeAuthor(got.envelope)).toBe(a!.identity.clientId);
  });

  it('refuses an envelope re-sent by another member, or sent to another room', async () => {
    const [a, b, c] = await roomWith(3);
    const original = await sealAndEncrypt(a!.group, a!.identity, {
      room: 'room-1',
      messageId: 'm1',
      body: text('from A'),
    });
    const opened = await decryptAndOpen(b!.group, 'room-1', original.ciphertext);
    // B re-encrypts A's signed envelope as its own MLS message.
    const replayed = await encryptMessage(opened.group, encodeEnvelope(opened.envelope));
    await expectCryptoError(decryptAndOpen(c!.group, 'room-1', replayed.ciphertext), 'TAMPERED');
    const elsewhere = await sealAndEncrypt(a!.group, a!.identity, {
      room: 'room-2',
      messageId: 'm2',
      body: text('x'),
    });
    await expectCryptoError(decryptAndOpen(c!.group, 'room-1', elsewhere.ciphertext), 'TAMPERED');
  });

  it('forwarded history stays verifiable after the epoch keys are gone', async () => {
    const [a, b, c] = await roomWith(3);
    const sent = await sealAndEncrypt(a!.group, a!.identity, {
      room: 'room-1',
      messageId: 'm1',
      body: text('old news'),
    });
    const kept = encodeEnvelope(
      (await decryptAndOpen(b!.group, 'room-1', sent.ciphertext)).envelope,
    );
    // The group moves on: epoch 1's keys are no longer in anyone's current state.
    await removeMember(sent.group, c!.identity.clientId);
    const forwarded = decodeEnvelope(kept);
    expect(verifyEnvelope(forwarded)).toBe(true);
    expect(envelopeAuthor(forwarded)).toBe(a!.identity.clientId);
    const forged = kept.slice();
    forged[forged.length - 1]! ^= 1;
    expect(verifyEnvelope(decodeEnvelope(forged))).toBe(false);
  });
});
