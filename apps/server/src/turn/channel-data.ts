/** Top bits 0b01 mark ChannelData (0x4000-0x7FFF); STUN starts with 0b00. */
export function looksLikeChannelData(buf: Uint8Array): boolean {
  return buf.length >= 4 && ((buf[0] ?? 0) & 0xc0) === 0x40;
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

/** The 4-byte ChannelData header alone, for a datagram sent from [header, data]. */
export function channelHeader(channel: number, length: number): Buffer {
  const header = Buffer.allocUnsafe(4);
  header[0] = channel >> 8;
  header[1] = channel & 0xff;
  header[2] = length >> 8;
  header[3] = length & 0xff;
  return header;
}
