import { MAX_CHANNEL, MIN_CHANNEL } from './stun-constants.ts';

/** A ChannelData message: 2-byte channel number, 2-byte length, data (RFC 8656 §12.4). */
export type ChannelData = { channel: number; data: Buffer };

/** Top bits 0b01 mark ChannelData (0x4000-0x7FFF); STUN starts with 0b00. */
export function looksLikeChannelData(buf: Uint8Array): boolean {
  return buf.length >= 4 && ((buf[0] ?? 0) & 0xc0) === 0x40;
}

/** Parses with bounds checks; trailing padding (TCP, or -D over UDP) is allowed and ignored. */
export function parseChannelData(buf: Buffer): ChannelData | undefined {
  if (!looksLikeChannelData(buf)) return undefined;
  const channel = buf.readUInt16BE(0);
  const length = buf.readUInt16BE(2);
  if (channel < MIN_CHANNEL || channel > MAX_CHANNEL || 4 + length > buf.length) return undefined;
  return { channel, data: buf.subarray(4, 4 + length) };
}

/** Encodes ChannelData; over TCP (`pad`) the message is padded to a multiple of 4 bytes. */
export function encodeChannelData(channel: number, data: Buffer, pad: boolean): Buffer {
  const total = 4 + (pad ? Math.ceil(data.length / 4) * 4 : data.length);
  const out = Buffer.alloc(total);
  out.writeUInt16BE(channel, 0);
  out.writeUInt16BE(data.length, 2);
  data.copy(out, 4);
  return out;
}
