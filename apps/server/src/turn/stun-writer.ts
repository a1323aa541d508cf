import { createHmac } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { bytesToIp, ipToBytes } from '../net/ip-bytes.ts';
import {
  Attr,
  ErrorReason,
  FINGERPRINT_XOR,
  HEADER_BYTES,
  MAGIC_COOKIE,
  type StunClass,
} from './stun-constants.ts';
import type { IntegrityKind } from './stun-message.ts';

/** Packs method and class into the 14-bit message type (RFC 8489 §5). */
export function messageType(method: number, cls: StunClass): number {
  return (
    (method & 0x000f) |
    ((method & 0x0070) << 1) |
    ((method & 0x0f80) << 2) |
    ((cls & 1) << 4) |
    ((cls & 2) << 7)
  );
}

export type Address = { ip: string; port: number };

/** XOR-MAPPED-ADDRESS style value (also XOR-PEER- and XOR-RELAYED-ADDRESS). */
export function encodeXorAddress(addr: Address, transactionId: Buffer): Buffer {
  const ip = ipToBytes(addr.ip);
  if (!ip) throw new Error(`not an IP address: ${addr.ip}`);
  const out = Buffer.alloc(4 + ip.length);
  out[1] = ip.length === 4 ? 0x01 : 0x02;
  out.writeUInt16BE((addr.port ^ (MAGIC_COOKIE >>> 16)) & 0xffff, 2);
  const mask = Buffer.alloc(16);
  mask.writeUInt32BE(MAGIC_COOKIE, 0);
  transactionId.copy(mask, 4);
  for (let i = 0; i < ip.length; i++) out[4 + i] = (ip[i] ?? 0) ^ (mask[i] ?? 0);
  return out;
}

/** Decodes an XOR address attribute; undefined when its family or length is wrong. */
export function decodeXorAddress(value: Buffer, transactionId: Buffer): Address | undefined {
  if (value.length < 4) return undefined;
  const family = value[1];
  const len = family === 0x01 ? 4 : family === 0x02 ? 16 : 0;
  if (len === 0 || value.length !== 4 + len) return undefined;
  const mask = Buffer.alloc(16);
  mask.writeUInt32BE(MAGIC_COOKIE, 0);
  transactionId.copy(mask, 4);
  const ip = Buffer.alloc(len);
  for (let i = 0; i < len; i++) ip[i] = (value[4 + i] ?? 0) ^ (mask[i] ?? 0);
  return { ip: bytesToIp(ip), port: value.readUInt16BE(2) ^ (MAGIC_COOKIE >>> 16) };
}

/** Builds one STUN message; integrity and fingerprint are appended last by `build`. */
export class StunWriter {
  readonly #type: number;
  readonly #transactionId: Buffer;
  readonly #attrs: Buffer[] = [];
  readonly #padByte: number;

  /** `padByte` exists for RFC 5769's vectors, which pad with spaces; real messages use zeros. */
  constructor(method: number, cls: StunClass, transactionId: Buffer, padByte = 0) {
    this.#type = messageType(method, cls);
    this.#transactionId = transactionId;
    this.#padByte = padByte;
  }

  add(type: number, value: Buffer | string): this {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    const padded = Buffer.alloc(4 + Math.ceil(bytes.length / 4) * 4, this.#padByte);
    padded.writeUInt16BE(type, 0);
    padded.writeUInt16BE(bytes.length, 2);
    bytes.copy(padded, 4);
    this.#attrs.push(padded);
    return this;
  }

  addXorAddress(type: number, addr: Address): this {
    return this.add(type, encodeXorAddress(addr, this.#transactionId));
  }

  addUInt32(type: number, value: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(value >>> 0, 0);
    return this.add(type, b);
  }

  addError(code: number, reason = ErrorReason[code] ?? 'Error'): this {
    const text = Buffer.from(reason, 'utf8');
    const b = Buffer.alloc(4 + text.length);
    b[2] = Math.floor(code / 100);
    b[3] = code % 100;
    text.copy(b, 4);
    return this.add(Attr.ErrorCode, b);
  }

  /** Serialises; with `key`, adds MESSAGE-INTEGRITY of `kind`; then FINGERPRINT unless told not to. */
  build(options: { key?: Buffer; kind?: IntegrityKind; fingerprint?: boolean } = {}): Buffer {
    let body = Buffer.concat(this.#attrs);
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt16BE(this.#type, 0);
    header.writeUInt32BE(MAGIC_COOKIE, 4);
    this.#transactionId.copy(header, 8);
    const withLength = (extra: number) => {
      header.writeUInt16BE(body.length + extra, 2);
      return Buffer.concat([header, body]);
    };
    if (options.key) {
      const sha256 = options.kind === 'sha256';
      const macLen = sha256 ? 32 : 20;
      const mac = createHmac(sha256 ? 'sha256' : 'sha1', options.key)
        .update(withLength(4 + macLen))
        .digest();
      const attr = Buffer.alloc(4 + macLen);
      attr.writeUInt16BE(sha256 ? Attr.MessageIntegritySha256 : Attr.MessageIntegrity, 0);
      attr.writeUInt16BE(macLen, 2);
      mac.copy(attr, 4);
      body = Buffer.concat([body, attr]);
    }
    if (options.fingerprint !== false) {
      const crc = (crc32(withLength(8)) ^ FINGERPRINT_XOR) >>> 0;
      const attr = Buffer.alloc(8);
      attr.writeUInt16BE(Attr.Fingerprint, 0);
      attr.writeUInt16BE(4, 2);
      attr.writeUInt32BE(crc, 4);
      body = Buffer.concat([body, attr]);
    }
    return withLength(0);
  }
}
