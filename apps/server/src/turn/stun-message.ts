import { createHmac, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { Attr, FINGERPRINT_XOR, HEADER_BYTES, MAGIC_COOKIE } from './stun-constants.ts';

export type StunAttribute = {
  type: number;
  value: Buffer;
  /** Offset of the attribute's 4-byte header inside the message. */
  offset: number;
};

/** A STUN message parsed from untrusted bytes; `raw` is kept for integrity checks. */
export type StunMessage = {
  method: number;
  cls: number;
  transactionId: Buffer;
  attributes: StunAttribute[];
  raw: Buffer;
};

/** The two top bits are zero and the magic cookie is present (RFC 8489 §6). */
export function looksLikeStun(buf: Uint8Array): boolean {
  return (
    buf.length >= HEADER_BYTES &&
    ((buf[0] ?? 0xff) & 0xc0) === 0 &&
    Buffer.from(buf.buffer, buf.byteOffset, buf.length).readUInt32BE(4) === MAGIC_COOKIE
  );
}

/** Parses with bounds checks on every field; undefined means "drop it silently". */
export function parseStunMessage(input: Buffer): StunMessage | undefined {
  if (!looksLikeStun(input)) return undefined;
  const length = input.readUInt16BE(2);
  if (length % 4 !== 0 || HEADER_BYTES + length > input.length) return undefined;
  const raw = input.subarray(0, HEADER_BYTES + length);
  const type = raw.readUInt16BE(0);
  const method = (type & 0x000f) | ((type & 0x00e0) >> 1) | ((type & 0x3e00) >> 2);
  const cls = ((type & 0x0010) >> 4) | ((type & 0x0100) >> 7);
  const attributes: StunAttribute[] = [];
  let pos = HEADER_BYTES;
  let sawFingerprint = false;
  while (pos < raw.length) {
    if (pos + 4 > raw.length || sawFingerprint) return undefined;
    const attrType = raw.readUInt16BE(pos);
    const attrLen = raw.readUInt16BE(pos + 2);
    if (pos + 4 + attrLen > raw.length) return undefined;
    attributes.push({
      type: attrType,
      value: raw.subarray(pos + 4, pos + 4 + attrLen),
      offset: pos,
    });
    sawFingerprint = attrType === Attr.Fingerprint;
    pos += 4 + Math.ceil(attrLen / 4) * 4;
  }
  if (pos !== raw.length) return undefined;
  return { method, cls, transactionId: raw.subarray(8, 20), attributes, raw };
}

/** The first attribute of this type before any integrity attribute, as RFC 8489 §14 asks. */
export function getAttr(msg: StunMessage, type: number): Buffer | undefined {
  for (const a of msg.attributes) {
    if (a.type === type) return a.value;
    const integrity = a.type === Attr.MessageIntegrity || a.type === Attr.MessageIntegritySha256;
    if (integrity && type !== Attr.MessageIntegritySha256 && type !== Attr.Fingerprint) return;
  }
  return undefined;
}

function findAttr(msg: StunMessage, type: number): StunAttribute | undefined {
  return msg.attributes.find((a) => a.type === type);
}

/** The bytes an integrity/fingerprint attribute at `offset` covers, with the length patched. */
function coveredBytes(raw: Buffer, offset: number, attrValueLen: number): Buffer {
  const covered = Buffer.from(raw.subarray(0, offset));
  covered.writeUInt16BE(offset + 4 + attrValueLen - HEADER_BYTES, 2);
  return covered;
}

/** FINGERPRINT absent, valid, or invalid (a message with a bad one is dropped). */
export function checkFingerprint(msg: StunMessage): 'absent' | 'ok' | 'bad' {
  const fp = findAttr(msg, Attr.Fingerprint);
  if (!fp) return 'absent';
  if (fp.value.length !== 4) return 'bad';
  const expected = (crc32(coveredBytes(msg.raw, fp.offset, 4)) ^ FINGERPRINT_XOR) >>> 0;
  return fp.value.readUInt32BE(0) === expected ? 'ok' : 'bad';
}

export type IntegrityKind = 'sha1' | 'sha256';

/** Which integrity attribute the message carries (SHA-256 preferred, RFC 8489 §9.1.4). */
export function integrityKind(msg: StunMessage): IntegrityKind | undefined {
  if (findAttr(msg, Attr.MessageIntegritySha256)) return 'sha256';
  if (findAttr(msg, Attr.MessageIntegrity)) return 'sha1';
  return undefined;
}

/** Verifies MESSAGE-INTEGRITY(-SHA256) with `key`, in constant time. */
export function checkIntegrity(msg: StunMessage, key: Buffer): boolean {
  const kind = integrityKind(msg);
  if (!kind) return false;
  const attr = findAttr(
    msg,
    kind === 'sha256' ? Attr.MessageIntegritySha256 : Attr.MessageIntegrity,
  );
  if (!attr) return false;
  const len = attr.value.length;
  // SHA-256 may be truncated to 16..32 bytes in steps of 4; SHA-1 is always 20.
  if (kind === 'sha1' ? len !== 20 : len < 16 || len > 32 || len % 4 !== 0) return false;
  const mac = createHmac(kind === 'sha256' ? 'sha256' : 'sha1', key)
    .update(coveredBytes(msg.raw, attr.offset, len))
    .digest()
    .subarray(0, len);
  return timingSafeEqual(mac, attr.value);
}
