import { bytesToIp, ipToBytes } from '../turn/ip-bytes.ts';

/**
 * The network a connection's IP stands for in per-IP caps: an IPv4 address as it is, an
 * IPv6 address by its /64 (one subscriber usually holds a whole /64), an IPv4-mapped IPv6
 * address as its IPv4 address. [P-DS5]
 */
export function networkOf(ip: string): string {
  const bytes = ipToBytes(ip);
  if (!bytes) return ip;
  if (bytes.length === 4) return bytesToIp(bytes);
  const mapped = bytes
    .subarray(0, 12)
    .equals(Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255]));
  if (mapped) return bytesToIp(bytes.subarray(12));
  const prefix = Buffer.alloc(16);
  bytes.copy(prefix, 0, 0, 8);
  return `${bytesToIp(prefix)}/64`;
}
