import { looksLikeChannelData } from './channel-data.ts';
import { HEADER_BYTES, MAGIC_COOKIE } from './stun-constants.ts';

/** Largest frame on a TURN TCP stream: a STUN message or padded ChannelData (16-bit length). */
const MAX_FRAME = 4 + 0xffff + 3;

/**
 * Splits a TURN-over-TCP byte stream into STUN messages and ChannelData frames (RFC 8656 §12.5).
 * Returns false when the stream is not TURN, so the caller closes the connection.
 */
export class TcpFramer {
  #buffer: Buffer = Buffer.alloc(0);
  readonly #onFrame: (frame: Buffer) => void;

  constructor(onFrame: (frame: Buffer) => void) {
    this.#onFrame = onFrame;
  }

  push(chunk: Buffer): boolean {
    this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : chunk;
    while (this.#buffer.length >= 4) {
      const size = frameSize(this.#buffer);
      if (size === undefined) return false;
      if (size === 0 || this.#buffer.length < size) break;
      const frame = this.#buffer.subarray(0, size);
      this.#buffer = this.#buffer.subarray(size);
      this.#onFrame(frame);
    }
    return this.#buffer.length <= MAX_FRAME;
  }
}

/** Bytes of the frame at the start of `buf`; 0 = need more bytes; undefined = not TURN. */
function frameSize(buf: Buffer): number | undefined {
  if (looksLikeChannelData(buf)) return 4 + Math.ceil(buf.readUInt16BE(2) / 4) * 4;
  if (((buf[0] ?? 0xff) & 0xc0) !== 0) return undefined;
  if (buf.length < 8) return 0;
  if (buf.readUInt32BE(4) !== MAGIC_COOKIE) return undefined;
  const length = buf.readUInt16BE(2);
  return length % 4 === 0 ? HEADER_BYTES + length : undefined;
}
