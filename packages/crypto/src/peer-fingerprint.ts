import { ed25519 } from '@noble/curves/ed25519.js';
import { clientIdOf, type DeviceIdentity } from './identity.ts';
import { LABELS } from './labels.ts';

/** Label of peer-fingerprint signatures: they bind a WebRTC DTLS certificate to a device. [P-SIG5] */
export const PEER_LABEL = LABELS.peer;

/** What a peer signs for one offer or answer. */
export type PeerBinding = {
  room: string;
  from: string;
  to: string;
  /** The SDP's DTLS fingerprint, e.g. `sha-256 AB:CD:...`. */
  fingerprint: string;
};

const encoder = new TextEncoder();

/** The signed bytes: label, then each field length-prefixed, so no two bindings collide. */
export function peerBindingInput(binding: PeerBinding): Uint8Array {
  const parts = [binding.room, binding.from, binding.to, binding.fingerprint].map((p) =>
    encoder.encode(p),
  );
  const label = encoder.encode(PEER_LABEL);
  const out = new Uint8Array(label.length + parts.reduce((n, p) => n + 4 + p.length, 0));
  out.set(label, 0);
  let at = label.length;
  const view = new DataView(out.buffer);
  for (const part of parts) {
    view.setUint32(at, part.length);
    out.set(part, at + 4);
    at += 4 + part.length;
  }
  return out;
}

/** Signs a DTLS fingerprint for one (room, from, to) with the device identity. [P-SIG5] */
export function signPeerFingerprint(identity: DeviceIdentity, binding: PeerBinding): Uint8Array {
  if (binding.from !== identity.clientId) throw new Error('from must be the signing identity');
  return ed25519.sign(peerBindingInput(binding), identity.secretKey);
}

/**
 * Whether `signature` by `publicKey` binds `binding.fingerprint` to `binding.from`: the key
 * must hash to `from` and the signature verify. [P-SIG5]
 */
export function verifyPeerFingerprint(
  publicKey: Uint8Array,
  binding: PeerBinding,
  signature: Uint8Array,
): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  if (clientIdOf(publicKey) !== binding.from) return false;
  try {
    return ed25519.verify(signature, peerBindingInput(binding), publicKey, { zip215: false });
  } catch {
    return false;
  }
}
