import { createSocket, type Socket } from 'node:dgram';
import { lookup as dnsLookup } from 'node:dns';
import { isIP } from 'node:net';

/**
 * Kernel buffers for the client socket and every relay socket. The default (~208 KiB) fills
 * in a few milliseconds of a relayed data channel whenever the event loop is busy, and each
 * datagram dropped there costs the sender's congestion window far more than the memory.
 * Linux caps the value at net.core.rmem_max / wmem_max; a larger ask is silently clamped.
 */
export const UDP_BUFFER_BYTES = 4 * 1024 * 1024;

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string, family: number) => void;

/**
 * Every address this server sends to is an IP literal (a datagram's source or a decoded
 * XOR-PEER-ADDRESS). dgram's default lookup still goes through dns.lookup, which answers an IP
 * literal on the next tick: one deferred callback per datagram. This answers at once, and skips
 * even the IP check when the address is the one of the previous send (a relay socket's peer).
 */
function ipLiteralLookup() {
  let last = '';
  let lastFamily = 0;
  return (host: string, family: number, callback: LookupCallback): void => {
    if (host !== last) {
      const found = isIP(host);
      if (found === 0) {
        dnsLookup(host, family, callback);
        return;
      }
      last = host;
      lastFamily = found;
    }
    callback(null, host, lastFamily);
  };
}

/** A UDP socket for the TURN server: large buffers, no deferred lookup per send. */
export function createUdpSocket(ipv6: boolean): Socket {
  return createSocket({
    type: ipv6 ? 'udp6' : 'udp4',
    lookup: ipLiteralLookup() as never,
    recvBufferSize: UDP_BUFFER_BYTES,
    sendBufferSize: UDP_BUFFER_BYTES,
  });
}
