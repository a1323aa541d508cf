import type { Address } from './stun-writer.ts';

/** Where a TURN client's packets come from and its replies go: a UDP 5-tuple or a TCP connection. */
export type ClientTransport = {
  readonly protocol: 'udp' | 'tcp';
  /** Identifies the 5-tuple; allocations are keyed by it (RFC 8656 §2.2). */
  readonly key: string;
  readonly remote: Address;
  /** One message; several buffers are sent as one datagram (UDP) or back to back (TCP). */
  send(data: Buffer | readonly Buffer[]): void;
};
