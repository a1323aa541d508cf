import { describe, expect, it } from 'vitest';
import { ipKey } from '../../src/net/ip-key.ts';
import { IpSlots } from '../../src/net/ip-slots.ts';

describe('ipKey', () => {
  it('keeps IPv4 as is, also IPv4-mapped', () => {
    expect(ipKey('203.0.113.7')).toBe('203.0.113.7');
    expect(ipKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts IPv6 per /64: every address of one /64 is one key, the next /64 another', () => {
    const a = ipKey('2a00:1450:4001:81c::200e');
    expect(a).toBe('2a00:1450:4001:81c::/64');
    expect(ipKey('2a00:1450:4001:081c:ffff:1:2:3')).toBe(a);
    expect(ipKey('2a00:1450:4001:81d::1')).not.toBe(a);
  });

  it('gives an unknown address one shared key', () => {
    expect(ipKey(undefined)).toBe('unknown');
  });
});

describe('IpSlots', () => {
  it('takes up to the cap per key, and again after a release', () => {
    const slots = new IpSlots(2);
    expect([slots.take('a'), slots.take('a'), slots.take('a')]).toEqual([true, true, false]);
    expect(slots.take('b')).toBe(true);
    slots.release('a');
    expect(slots.take('a')).toBe(true);
    expect(slots.held('a')).toBe(2);
  });
});
