import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.ts';
import type { AcmeIssuer } from '../../src/tls/acme-issuer.ts';
import { AcmeRenewal } from '../../src/tls/acme-renewal.ts';
import { readCertificateFiles } from '../../src/tls/certificate-files.ts';
import { CertificateStore } from '../../src/tls/certificate-store.ts';
import { certificateInfo } from '../../src/tls/live-certificate.ts';
import { TlsError } from '../../src/tls/tls-error.ts';
import { pebbleSkipReason, selfSignedPair } from './pebble.ts';

const DAY = 24 * 60 * 60_000;

describe('TLS configuration', () => {
  it('a domain turns https on and sets the public URL (port only when not 443)', () => {
    expect(resolveConfig({ domain: 'Chat.Example.org.' }).publicUrl).toBe(
      'https://chat.example.org/',
    );
    expect(resolveConfig({ domain: '203.0.113.7', tls: { httpsPort: 8443 } }).publicUrl).toBe(
      'https://203.0.113.7:8443/',
    );
    expect(resolveConfig({ domain: '[2001:db8::1]' }).publicUrl).toBe('https://[2001:db8::1]/');
    const config = resolveConfig({ domain: 'chat.example.org' });
    expect(config.tls?.acme?.directoryUrl).toBe('https://acme-v02.api.letsencrypt.org/directory');
    expect([config.tls?.httpsPort, config.tls?.httpPort]).toEqual([443, 80]);
  });

  it('an explicit public URL wins over the domain; no domain and no files is plain http', () => {
    const config = resolveConfig({ domain: 'a.example', publicUrl: 'https://b.example/' });
    expect(config.publicUrl).toBe('https://b.example/');
    expect(resolveConfig({}).tls).toBeUndefined();
  });

  it('refuses a malformed domain and half a pair of files at start', () => {
    expect(() => resolveConfig({ domain: 'not a domain' })).toThrow(TypeError);
    expect(() => resolveConfig({ domain: 'a..example' })).toThrow(TypeError);
    expect(() => resolveConfig({ tls: { certFile: '/x.pem' } })).toThrow(/both a certificate/);
  });

  it('own files without a domain use no ACME', () => {
    const config = resolveConfig({ tls: { certFile: '/c.pem', keyFile: '/k.pem' } });
    expect(config.tls?.acme).toBeUndefined();
    expect(config.publicUrl).toBeUndefined();
  });
});

describe.skipIf(pebbleSkipReason() !== undefined)('certificates (openssl-made)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yam-tls-unit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a key that does not belong to the certificate is refused in words', () => {
    const a = selfSignedPair(dir, 'a');
    const b = selfSignedPair(dir, 'b');
    const error = (() => {
      try {
        readCertificateFiles({ certFile: a.certFile, keyFile: b.keyFile });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TlsError);
    expect((error as TlsError).code).toBe('TLS_FILES_MISMATCH');
    expect((error as TlsError).message).toContain('is not the private key of the certificate');
    expect(() => readCertificateFiles({ certFile: join(dir, 'none'), keyFile: a.keyFile })).toThrow(
      /cannot read the TLS files/,
    );
  });

  it('renewal is due a third of the lifetime before expiry, at most 30 days before', () => {
    const long = selfSignedPair(dir, 'long', 'localhost', 90);
    const short = selfSignedPair(dir, 'short', 'localhost', 6);
    const renewal = new AcmeRenewal({
      identifier: 'localhost',
      issuer: {} as AcmeIssuer,
      store: new CertificateStore(dir),
      renewBeforeMs: undefined,
      checkIntervalMs: 1_000,
      log: pino({ level: 'silent' }),
    });
    const read = (p: { certFile: string; keyFile: string }) => ({
      cert: readFileSync(p.certFile, 'utf8'),
      key: readFileSync(p.keyFile, 'utf8'),
    });
    const l = read(long);
    const lEnd = certificateInfo(l.cert).notAfter;
    expect(renewal.isDue(l, lEnd - 31 * DAY)).toBe(false);
    expect(renewal.isDue(l, lEnd - 29 * DAY)).toBe(true);
    const s = read(short);
    const sEnd = certificateInfo(s.cert).notAfter;
    expect(renewal.isDue(s, sEnd - 2.1 * DAY)).toBe(false);
    expect(renewal.isDue(s, sEnd - 1.9 * DAY)).toBe(true);
  });

  it('stores the account key and certificates with private keys readable only by the owner', () => {
    const store = new CertificateStore(join(dir, 'data'));
    const pair = selfSignedPair(dir, 'stored');
    store.saveCertificate('2001:db8::1', {
      cert: readFileSync(pair.certFile, 'utf8'),
      key: readFileSync(pair.keyFile, 'utf8'),
    });
    store.saveAccountKey('account');
    expect(store.certificate('2001:db8::1')?.cert).toBe(readFileSync(pair.certFile, 'utf8'));
    expect(store.accountKey()).toBe('account');
    const keyMode = statSync(join(dir, 'data', 'tls', '2001-db8--1.key.pem')).mode & 0o777;
    expect(keyMode).toBe(0o600);
    expect(statSync(join(dir, 'data', 'tls', 'acme-account-key.pem')).mode & 0o777).toBe(0o600);
  });
});
