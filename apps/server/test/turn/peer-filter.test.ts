import { describe, expect, it } from 'vitest';
import { bytesToIp, ipToBytes } from '../../src/net/ip-bytes.ts';
import { PeerFilter } from '../../src/turn/peer-filter.ts';

const DENIED = [
  '127.0.0.1',
  '127.255.0.9',
  '0.0.0.0',
  '10.1.2.3',
  '172.16.0.1',
  '172.31.255.254',
  '192.168.1.1',
  '100.64.0.1',
  '100.127.255.255',
  '169.254.169.254', // cloud metadata
  '169.254.0.1',
  '224.0.0.1',
  '239.255.255.250',
  '255.255.255.255',
  '::',
  '::1',
  '::ffff:8.8.8.8', // IPv4-mapped, even of a public address
  '::ffff:127.0.0.1',
  'fc00::1',
  'fd12:3456::1',
  'fe80::1',
  'ff02::1',
  '64:ff9b::a00:1', // NAT64 of 10.0.0.1
  '::ffff:0:a00:1', // IPv4-translated (::ffff:0:0:0/96) of 10.0.0.1
  '2001:0:4136:e378:8000:63bf:3fff:fdd2', // Teredo (2001::/32)
  '100::1', // discard-only (100::/64)
  '2001:db8::1', // documentation (2001:db8::/32)
  'not-an-ip',
];
const ALLOWED = [
  '8.8.8.8',
  '1.1.1.1',
  '172.32.0.1',
  '100.128.0.1',
  '2001:4860:4860::8888',
  '2001:1::1', // just past Teredo
  '100:0:0:1::1', // just past 100::/64
];

describe('PeerFilter', () => {
  const filter = new PeerFilter();

  it.each(DENIED)('refuses %s', (ip) => {
    expect(filter.isAllowed(ip)).toBe(false);
  });

  it.each(ALLOWED)('allows public %s', (ip) => {
    expect(filter.isAllowed(ip)).toBe(true);
  });

  it("refuses the server's own configured addresses", () => {
    const own = new PeerFilter({ ownAddresses: ['203.0.113.7', '2a00:1450::7'] });
    expect(own.isAllowed('203.0.113.7')).toBe(false);
    expect(own.isAllowed('2a00:1450:0:0::7')).toBe(false);
    expect(own.isAllowed('2a00:1450::8')).toBe(true);
    own.addOwn('198.51.100.4');
    expect(own.isAllowed('198.51.100.4')).toBe(false);
    expect(own.isAllowed('203.0.113.8')).toBe(true);
  });

  it('allowLoopbackPeers opens 127.0.0.0/8 and nothing else', () => {
    const tests = new PeerFilter({ allowLoopbackPeers: true });
    expect(tests.isAllowed('127.0.0.1')).toBe(true);
    expect(tests.isAllowed('127.1.2.3')).toBe(true);
    for (const ip of DENIED.filter((d) => !d.startsWith('127.'))) {
      expect(tests.isAllowed(ip), ip).toBe(false);
    }
  });
});

describe('ip bytes', () => {
  it.each([
    ['2001:db8::1', '20010db8000000000000000000000001'],
    ['::ffff:1.2.3.4', '00000000000000000000ffff01020304'],
    ['::', '00000000000000000000000000000000'],
    ['fe80::1%eth0', 'fe800000000000000000000000000001'],
  ])('%s round-trips', (ip, bytes) => {
    const b = ipToBytes(ip);
    expect(b?.toString('hex')).toBe(bytes);
    if (b) expect(ipToBytes(bytesToIp(b))).toEqual(b);
  });
});
