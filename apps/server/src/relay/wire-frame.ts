/**
 * One frame for a room's fan-out, encoded once for all its members: the JSON text, and (on
 * first use) the complete WebSocket text frame, header included. The server never masks
 * (RFC 6455 5.1) and the relay runs without permessage-deflate, so these bytes are the same
 * for every connection and can be written to each socket as they are: no per-recipient
 * UTF-8 encoding, header or ws send path.
 */
export class WireFrame {
  readonly text: string;
  #bytes: Buffer | undefined;

  constructor(text: string) {
    this.text = text;
  }

  /** The WebSocket frame: FIN + text opcode, the payload length (7, 16 or 64 bit), the UTF-8. */
  get bytes(): Buffer {
    if (this.#bytes) return this.#bytes;
    const length = Buffer.byteLength(this.text);
    const head = length < 126 ? 2 : length < 65536 ? 4 : 10;
    const bytes = Buffer.allocUnsafe(head + length);
    bytes[0] = 0x81;
    if (head === 2) {
      bytes[1] = length;
    } else if (head === 4) {
      bytes[1] = 126;
      bytes.writeUInt16BE(length, 2);
    } else {
      bytes[1] = 127;
      bytes.writeBigUInt64BE(BigInt(length), 2);
    }
    bytes.write(this.text, head, 'utf8');
    this.#bytes = bytes;
    return bytes;
  }

  toString(): string {
    return this.text;
  }
}
