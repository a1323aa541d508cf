import { describe, expect, it } from 'vitest';
import { AddressFilter } from '../../src/net/address-filter.ts';
import { PreviewError } from '../../src/previews/preview-error.ts';
import { parsePreviewUrl, resolveTarget } from '../../src/previews/preview-target.ts';

// [P-PREV2] Every range the preview fetcher must never reach, one address (or more) each.
const PRIVATE: Array<[string, string]> = [
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', '"this network" 0/8'],
  ['127.0.0.1', 'loopback 127/8'],
  ['127.255.255.254', 'loopback 127/8'],
  ['10.0.0.1', 'private 10/8'],
  ['10.255.255.255', 'private 10/8'],
  ['172.16.0.1', 'private 172.16/12'],
  ['172.31.255.255', 'private 172.16/12'],
  ['192.168.0.1', 'private 192.168/16'],
  ['100.64.0.1', 'CGNAT 100.64/10'],
  ['100.127.255.254', 'CGNAT 100.64/10'],
  ['169.254.169.254', 'link-local / cloud metadata'],
  ['169.254.0.1', 'link-local 169.254/16'],
  ['192.0.0.8', 'IETF protocol assignments'],
  ['198.18.0.1', 'benchmarking'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast (SSDP)'],
  ['240.0.0.1', 'reserved 240/4'],
  ['255.255.255.255', 'broadcast'],
  ['::', 'IPv6 unspecified'],
  ['::1', 'IPv6 loopback'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
  ['::ffff:10.0.0.1', 'IPv4-mapped private'],
  ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
  ['::ffff:8.8.8.8', 'IPv4-mapped (never needed: lookups give plain IPv4)'],
  ['::127.0.0.1', 'IPv4-compatible'],
  ['64:ff9b::a00:1', 'NAT64 of 10.0.0.1'],
  ['2002:a00:1::1', '6to4 of 10.0.0.1'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
  ['fc00::1', 'unique-local fc00::/7'],
  ['fd12:3456::1', 'unique-local fc00::/7'],
  ['fe80::1', 'link-local fe80::/10'],
  ['febf:ffff::1', 'link-local fe80::/10'],
  ['fec0::1', 'site-local'],
  ['ff02::1', 'multicast ff00::/8'],
  ['2001:db8::1', 'documentation'],
];
const PUBLIC = [
  '93.184.215.14',
  '8.8.8.8',
  '1.1.1.1',
  '2606:4700:4700::1111',
  '172.32.0.1',
  '100.128.0.1',
];

const resolveTo =
  (...addresses: string[]) =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PreviewError);
  return (error as PreviewError).code;
}

describe('preview targets', () => {
  const filter = new AddressFilter();

  it.each(PRIVATE)('[P-PREV2] refuses %s (%s), as an IP literal and by name', async (ip) => {
    expect(filter.isAllowed(ip)).toBe(false);
    const literal = ip.includes(':') ? `http://[${ip}]/` : `http://${ip}/`;
    expect(await refusal(resolveTarget(parsePreviewUrl(literal), filter, resolveTo()))).toBe(
      'PREVIEW_REFUSED',
    );
    const named = parsePreviewUrl('https://innocent.example/page');
    expect(await refusal(resolveTarget(named, filter, resolveTo(ip)))).toBe('PREVIEW_REFUSED');
  });

  it.each(PUBLIC)('[P-PREV2] allows the public address %s', async (ip) => {
    expect(filter.isAllowed(ip)).toBe(true);
    const target = await resolveTarget(
      parsePreviewUrl('https://site.example/'),
      filter,
      resolveTo(ip),
    );
    expect(target.address).toBe(ip);
  });

  it('[P-PREV2] refuses a name with one private address among public ones', async () => {
    const url = parsePreviewUrl('https://mixed.example/');
    const resolve = resolveTo('8.8.8.8', '10.0.0.1');
    expect(await refusal(resolveTarget(url, filter, resolve))).toBe('PREVIEW_REFUSED');
  });

  it("[P-PREV2] refuses the server's own addresses", async () => {
    const own = new AddressFilter({ ownAddresses: ['203.0.113.7'] });
    const url = parsePreviewUrl('https://self.example/');
    expect(await refusal(resolveTarget(url, own, resolveTo('203.0.113.7')))).toBe(
      'PREVIEW_REFUSED',
    );
  });

  it('[P-PREV2] the test-only loopback option allows 127/8 and nothing else', () => {
    const loose = new AddressFilter({ allowLoopback: true });
    expect(loose.isAllowed('127.0.0.1')).toBe(true);
    for (const ip of ['::1', '10.0.0.1', '169.254.169.254', '0.0.0.0']) {
      expect(loose.isAllowed(ip)).toBe(false);
    }
  });

  it.each([
    'http://2130706433/', // 127.0.0.1 as one number
    'http://0x7f000001/',
    'http://017700000001/',
    'http://127.1/',
    'http://0x7f.0.0.1/',
    'http://[::ffff:7f00:1]/',
    'http://[0:0:0:0:0:ffff:169.254.169.254]/',
    'http://0/',
  ])('[P-PREV2] refuses the loopback or metadata address spelt as %s', async (text) => {
    expect(await refusal(resolveTarget(parsePreviewUrl(text), filter, resolveTo()))).toBe(
      'PREVIEW_REFUSED',
    );
  });

  it('[P-PREV2] a name that does not resolve is refused', async () => {
    const url = parsePreviewUrl('https://nowhere.example/');
    const failing = async () => {
      throw new Error('ENOTFOUND');
    };
    expect(await refusal(resolveTarget(url, filter, failing))).toBe('PREVIEW_REFUSED');
  });
});

describe('preview URLs', () => {
  it.each([
    ['ftp://example.com/', 'not http(s)'],
    ['file:///etc/passwd', 'a file'],
    ['javascript:alert(1)', 'script'],
    ['data:text/html,hi', 'data'],
    ['http://user:pw@example.com/', 'credentials'],
    ['http://user@example.com/', 'user name'],
    ['http://example.com:8080/', 'another port'],
    ['https://example.com:80/', 'http port for https'],
    ['http://example.com:22/', 'ssh port'],
    ['not a url', 'no URL'],
  ])('[P-PREV2] refuses %s (%s)', (text) => {
    expect(() => parsePreviewUrl(text)).toThrow(PreviewError);
  });

  it('[P-PREV2] takes http and https on their own ports and drops the fragment', () => {
    expect(parsePreviewUrl('https://example.com/a?b=1#frag').href).toBe(
      'https://example.com/a?b=1',
    );
    expect(parsePreviewUrl('http://example.com:80/').href).toBe('http://example.com/');
    expect(parsePreviewUrl('https://example.com:443/x').href).toBe('https://example.com/x');
  });

  it('[P-PREV2] any port only with the test-only option', () => {
    expect(() => parsePreviewUrl('http://127.0.0.1:5000/')).toThrow(PreviewError);
    expect(parsePreviewUrl('http://127.0.0.1:5000/', true).port).toBe('5000');
  });
});
