import { isIPv6 } from 'node:net';
import { bytesToIp, ipToBytes } from './ip-bytes.ts';

/**
 * The key per-IP limits count by: an IPv4 address as is (also when it arrives as an
 * IPv4-mapped IPv6 address), an IPv6 address by its /64, since one host usually holds a
 * whole /64 and could otherwise take a fresh address for every connection.
 */
export function ipKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const bytes = ipToBytes(address);
  if (!bytes) return address;
  bytes.fill(0, 8);
  return `${bytesToIp(bytes)}/64`;
}
