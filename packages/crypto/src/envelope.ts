import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, fromUtf8, utf8 } from './bytes.ts';
import {
  signContent,
  signContentAsync,
  verifyContent,
  verifyContentAsync,
} from './content-signature.ts';
import { CryptoError } from './crypto-error.ts';
import { clientIdOf, type DeviceIdentity } from './identity.ts';

/**
 * The plaintext inside every MLS application message: who wrote what, for which room
 * and message ID, signed by the author's identity key. `body` is opaque here (the client
 * SDK defines it: text, attachment keys and hashes, edits...).
 */
export type Envelope = {
  readonly room: string;
  readonly messageId: string;
  readonly authorKey: Uint8Array;
  readonly body: Uint8Array;
  readonly signature: Uint8Array;
};

/** Caps checked before and while decoding; the total fits one protocol payload. */
export const ENVELOPE_LIMITS = {
  maxIdBytes: 128,
  maxBodyBytes: 96 * 1024,
  maxEnvelopeBytes: 97 * 1024,
} as const;

const VERSION = 1;

type EnvelopeContent = { room: string; messageId: string; body: Uint8Array };

/** Builds and signs an envelope. */
export function sealEnvelope(identity: DeviceIdentity, content: EnvelopeContent): Envelope {
  const signature = signContent(identity, signedPartOf(content));
  return { ...content, authorKey: identity.publicKey, signature };
}

/** sealEnvelope on the platform's fastest Ed25519 (the same bytes): the per-message path. */
export async function sealEnvelopeAsync(
  identity: DeviceIdentity,
  content: EnvelopeContent,
): Promise<Envelope> {
  const signature = await signContentAsync(identity, signedPartOf(content));
  return { ...content, authorKey: identity.publicKey, signature };
}

function signedPartOf(content: EnvelopeContent) {
  checkIds(content.room, content.messageId);
  if (content.body.length > ENVELOPE_LIMITS.maxBodyBytes) {
    throw new CryptoError('TOO_LARGE', 'envelope body over its cap');
  }
  return { room: content.room, messageId: content.messageId, contentHash: sha256(content.body) };
}

/** Whether the envelope's signature verifies for its author, room, ID and body. */
export function verifyEnvelope(envelope: Envelope): boolean {
  return verifyContent(
    envelope.authorKey,
    { room: envelope.room, messageId: envelope.messageId, contentHash: sha256(envelope.body) },
    envelope.signature,
  );
}

/** verifyEnvelope on the platform's fastest Ed25519: the per-message path. */
export function verifyEnvelopeAsync(envelope: Envelope): Promise<boolean> {
  return verifyContentAsync(
    envelope.authorKey,
    { room: envelope.room, messageId: envelope.messageId, contentHash: sha256(envelope.body) },
    envelope.signature,
  );
}

/** Client ID of the envelope's author (meaningful only once verifyEnvelope passed). */
export function envelopeAuthor(envelope: Envelope): string {
  return clientIdOf(envelope.authorKey);
}

/**
 * Wire form: version(1) | idLen(1) room | idLen(1) messageId | authorKey(32) |
 * signature(64) | bodyLen(4, big-endian) body. Exactly that many bytes, nothing after.
 */
export function encodeEnvelope(envelope: Envelope): Uint8Array {
  const room = utf8(envelope.room);
  const messageId = utf8(envelope.messageId);
  checkIds(envelope.room, envelope.messageId);
  if (envelope.authorKey.length !== 32 || envelope.signature.length !== 64) {
    throw new CryptoError('DECODE_FAILED', 'bad key or signature length');
  }
  const bodyLength = new Uint8Array(4);
  new DataView(bodyLength.buffer).setUint32(0, envelope.body.length);
  return concatBytes(
    Uint8Array.of(VERSION, room.length),
    room,
    Uint8Array.of(messageId.length),
    messageId,
    envelope.authorKey,
    envelope.signature,
    bodyLength,
    envelope.body,
  );
}

/** Parses envelope bytes (untrusted); only CryptoErrors escape. Does not verify. */
export function decodeEnvelope(bytes: Uint8Array): Envelope {
  if (!(bytes instanceof Uint8Array)) throw new CryptoError('DECODE_FAILED', 'not bytes');
  if (bytes.length > ENVELOPE_LIMITS.maxEnvelopeBytes) {
    throw new CryptoError('TOO_LARGE', 'envelope over its cap');
  }
  const reader = new Reader(bytes);
  if (reader.u8() !== VERSION) throw new CryptoError('DECODE_FAILED', 'unknown envelope version');
  const room = reader.text();
  const messageId = reader.text();
  const authorKey = reader.take(32);
  const signature = reader.take(64);
  const bodyLength = reader.u32();
  if (bodyLength > ENVELOPE_LIMITS.maxBodyBytes) {
    throw new CryptoError('TOO_LARGE', 'envelope body over its cap');
  }
  const body = reader.take(bodyLength);
  if (!reader.done()) throw new CryptoError('DECODE_FAILED', 'trailing bytes after envelope');
  return { room, messageId, authorKey, body, signature };
}

function checkIds(room: string, messageId: string): void {
  for (const id of [room, messageId]) {
    const length = utf8(id).length;
    if (length === 0 || length > ENVELOPE_LIMITS.maxIdBytes) {
      throw new CryptoError('DECODE_FAILED', 'room or message ID length out of range');
    }
  }
}

class Reader {
  readonly #bytes: Uint8Array;
  #offset = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  take(length: number): Uint8Array {
    if (this.#offset + length > this.#bytes.length) {
      throw new CryptoError('DECODE_FAILED', 'envelope truncated');
    }
    const out = this.#bytes.slice(this.#offset, this.#offset + length);
    this.#offset += length;
    return out;
  }

  u8(): number {
    return this.take(1)[0]!;
  }

  u32(): number {
    return new DataView(this.take(4).buffer).getUint32(0);
  }

  text(): string {
    const length = this.u8();
    if (length === 0 || length > ENVELOPE_LIMITS.maxIdBytes) {
      throw new CryptoError('DECODE_FAILED', 'ID length out of range');
    }
    try {
      return fromUtf8(this.take(length));
    } catch (cause) {
      if (cause instanceof CryptoError) throw cause;
      throw new CryptoError('DECODE_FAILED', 'ID is not UTF-8', { cause });
    }
  }

  done(): boolean {
    return this.#offset === this.#bytes.length;
  }
}
