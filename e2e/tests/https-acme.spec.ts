import { createHash, X509Certificate } from 'node:crypto';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { type Browser, chromium } from '@playwright/test';
import { freeTcpPort, pebbleSkipReason, startPebble } from '../../apps/server/test/tls/pebble.ts';
import { YamTestServer } from '../fixtures/yam-server.ts';
import { bubble, expect, openRoom, presetName, sendMessage, test } from '../fixtures/yam-test.ts';

const DOMAIN = 'yam.test';

/** base64 SHA-256 of a certificate's public key, as Chromium's SPKI lists take it. */
/** A page in a new context whose person already has a name (no first-run prompt). */
async function newNamedPage(browser: Browser, name: string) {
  const context = await browser.newContext();
  await presetName(context, name);
  return context.newPage();
}

function spkiHash(pem: string): string {
  const der = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

test('over https with an ACME certificate, the app is a secure context and two people chat', async () => {
  test.skip(pebbleSkipReason() !== undefined, pebbleSkipReason() ?? '');
  const httpPort = await freeTcpPort();
  // pebble resolves yam.test to 127.0.0.1 through its own DNS; the CA's API is test-signed.
  const pebble = await startPebble(httpPort, { fakeDns: true });
  setDefaultCACertificates([...getCACertificates('default'), pebble.apiCert]);
  const server = await YamTestServer.start(
    {
      domain: DOMAIN,
      tls: { httpsPort: 0, httpPort },
      acme: { directoryUrl: pebble.directoryUrl },
    },
    DOMAIN,
  );
  // Chromium trusts pebble's issuing key (and nothing else extra), and finds yam.test at
  // 127.0.0.1: a real name, so the page is secure only because https is valid (localhost
  // and 127.0.0.1 would be secure contexts even over http).
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      ...['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
      `--ignore-certificate-errors-spki-list=${spkiHash(pebble.intermediate)}`,
      `--host-resolver-rules=MAP ${DOMAIN} 127.0.0.1`,
    ],
  });
  try {
    const alice = await newNamedPage(browser, 'Alice');
    const bob = await newNamedPage(browser, 'Bob');

    // The http port sends the browser to https; the https answer carries HSTS.
    const response = await alice.goto(`http://${DOMAIN}:${httpPort}/`);
    expect(alice.url()).toBe(`${server.url}/`);
    expect(response?.headers()['strict-transport-security']).toBe('max-age=63072000');
    expect(await alice.evaluate(() => window.isSecureContext)).toBe(true);
    expect((await response?.securityDetails())?.issuer).toContain('Pebble');

    await openRoom(alice, server, 'tls-room', 'TLS room');
    await openRoom(bob, server, 'tls-room', 'TLS room');
    expect(await bob.evaluate(() => window.isSecureContext)).toBe(true);
    await sendMessage(alice, 'Hello over https');
    await expect(bubble(bob, 'Hello over https')).toBeVisible();
    await sendMessage(bob, 'Certificate from the CA, no warnings');
    await expect(bubble(alice, 'no warnings')).toBeVisible();
  } finally {
    await browser.close();
    await server.dispose();
    await pebble.stop();
  }
});
