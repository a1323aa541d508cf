/**
 * Bench payloads: opaque base64url bytes whose first 8 bytes are the send time. The time is
 * CLOCK_MONOTONIC in microseconds (process.hrtime), which every process on the machine
 * shares, so a receipt in another worker process measures true end-to-end latency.
 */
const TIMESTAMP_BYTES = 8;
/** base64url characters that cover the first 8 bytes (66 bits). */
const TIMESTAMP_CHARS = 11;
const PAYLOAD_KEY = Buffer.from('"payload":"', 'latin1');

/** Now, in microseconds of the shared monotonic clock. */
export function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Builds payloads of `size` bytes (at least 8): a timestamp then fixed padding. */
export class TimestampPayload {
  private readonly bytes: Buffer;

  constructor(size: number) {
    this.bytes = Buffer.alloc(Math.max(TIMESTAMP_BYTES, size), 0x61);
  }

  /** The base64url payload stamped with `sentUs`. */
  encode(sentUs: number): string {
    this.bytes.writeBigUInt64BE(BigInt(sentUs), 0);
    return this.bytes.toString('base64url');
  }
}

/**
 * The send time inside a `msg` frame, or undefined when the frame carries no payload. Reads
 * only the 11 characters it needs instead of parsing the JSON: at 100k+ receipts per second
 * a full parse would make the load generator, not the server, the bottleneck.
 */
export function sentAtOf(frame: Buffer): number | undefined {
  const at = frame.indexOf(PAYLOAD_KEY);
  if (at < 0) return undefined;
  const start = at + PAYLOAD_KEY.length;
  const head = Buffer.from(frame.toString('latin1', start, start + TIMESTAMP_CHARS), 'base64url');
  if (head.length < TIMESTAMP_BYTES) return undefined;
  return Number(head.readBigUInt64BE(0));
}
