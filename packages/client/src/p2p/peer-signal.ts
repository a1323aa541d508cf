import { z } from 'zod/mini';

const Id = z.string().check(z.minLength(8), z.maxLength(64));

/** An offer or answer, with the sender's key and signature over the DTLS fingerprint. [P-SIG5] */
const Description = z.object({
  k: z.literal('desc'),
  /** The sender's RTCPeerConnection: a new one means the peer started over. */
  pc: Id,
  type: z.enum(['offer', 'answer']),
  sdp: z.string().check(z.maxLength(14_000)),
  pk: z.string().check(z.maxLength(64)),
  sig: z.string().check(z.maxLength(128)),
});

const Candidate = z.object({
  k: z.literal('cand'),
  pc: Id,
  candidate: z.nullable(
    z.object({
      candidate: z.string().check(z.maxLength(1024)),
      sdpMid: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
      sdpMLineIndex: z.optional(z.nullable(z.int().check(z.minimum(0), z.maximum(64)))),
      usernameFragment: z.optional(z.nullable(z.string().check(z.maxLength(256)))),
    }),
  ),
});

/** The peer closed its connection to us on purpose. */
const Bye = z.object({ k: z.literal('bye'), pc: Id });

/** What travels inside a server `signal` between two peers. */
export const PeerSignal = z.discriminatedUnion('k', [Description, Candidate, Bye]);
export type PeerSignal = z.infer<typeof PeerSignal>;
export type DescriptionSignal = z.infer<typeof Description>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Encodes a peer signal as the opaque bytes the server relays. */
export function encodePeerSignal(signal: PeerSignal): Uint8Array {
  return encoder.encode(JSON.stringify(signal));
}

/** Parses relayed bytes; undefined for anything malformed (a peer's input is untrusted). */
export function decodePeerSignal(bytes: Uint8Array): PeerSignal | undefined {
  try {
    const parsed = PeerSignal.safeParse(JSON.parse(decoder.decode(bytes)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The DTLS fingerprint line of an SDP (`sha-256 AB:...`), normalised; undefined if absent. */
export function sdpFingerprint(sdp: string): string | undefined {
  const match = /^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/m.exec(sdp);
  if (!match?.[1] || !match[2]) return undefined;
  return `${match[1].toLowerCase()} ${match[2].toUpperCase()}`;
}
