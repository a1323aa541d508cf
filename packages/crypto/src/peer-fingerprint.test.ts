import { describe, expect, it } from 'vitest';
import { createIdentity } from './identity.ts';
import { signPeerFingerprint, verifyPeerFingerprint } from './peer-fingerprint.ts';

describe('peer fingerprint binding', () => {
  const a = createIdentity();
  const b = createIdentity();
  const binding = {
    room: 'room-1',
    from: a.clientId,
    to: b.clientId,
    fingerprint: 'sha-256 AB:CD',
  };

  it('[P-SIG5] a signature verifies for its own binding only', () => {
    const sig = signPeerFingerprint(a, binding);
    expect(verifyPeerFingerprint(a.publicKey, binding, sig)).toBe(true);
    for (const changed of [
      { ...binding, room: 'room-2' },
      { ...binding, to: a.clientId },
      { ...binding, fingerprint: 'sha-256 AB:CE' },
    ]) {
      expect(verifyPeerFingerprint(a.publicKey, changed, sig)).toBe(false);
    }
  });

  it('[P-SIG5] a key that does not hash to `from` is refused even with a valid signature', () => {
    // B signs a binding claiming to be A: the signature is B's own, the key is not A's.
    const forged = { ...binding, from: b.clientId };
    const sig = signPeerFingerprint(b, forged);
    expect(verifyPeerFingerprint(b.publicKey, { ...forged, from: a.clientId }, sig)).toBe(false);
    expect(() => signPeerFingerprint(b, binding)).toThrow();
  });
});
