import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  connect,
  getCACertificates,
  type PeerCertificate,
  setDefaultCACertificates,
} from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/test-server.ts';
import { freeTcpPort, type Pebble, pebbleSkipReason, startPebble } from './pebble.ts';

const skip = pebbleSkipReason();
if (skip) console.log(`skipping ACME tests: ${skip}`);

/** The leaf certificate the https port presents to a client that asks for `servername`. */
function presented(
  port: number,
  servername: string | undefined,
  ca: string,
): Promise<PeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = connect(
      { host: '127.0.0.1', port, ca, ...(servername ? { servername } : {}) },
      () => {
        const cert = socket.getPeerCertificate();
        socket.end();
        resolve(cert);
      },
    );
    socket.on('error', reject);
  });
}

/** A plain-http GET's status and headers, redirects not followed. */
function httpGet(
  port: number,
  path: string,
  host = 'localhost',
): Promise<{ status: number; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      resolve({
        status: res.statusCode ?? 0,
        ...(res.headers.location ? { location: res.headers.location } : {}),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** ACME end to end against pebble, Debian's test CA: issue, serve, redirect, renew, reuse. */
describe.skipIf(skip !== undefined)('https by ACME (pebble)', () => {
  let pebble: Pebble;
  let httpPort: number;

  beforeAll(async () => {
    httpPort = await freeTcpPort();
    pebble = await startPebble(httpPort);
    // acme-client talks to pebble's API, whose certificate is our own test one.
    setDefaultCACertificates([...getCACertificates('default'), pebble.apiCert]);
  });
  afterAll(async () => {
    await pebble?.stop();
  });

  const serve = async (
    domain: string,
    acme: { renewBeforeMs?: number; checkIntervalMs?: number },
    dataDir?: string,
  ) => {
    const httpsPort = await freeTcpPort();
    const server = await startTestServer({
      domain,
      tls: { httpsPort, httpPort },
      acme: { directoryUrl: pebble.directoryUrl, ...acme },
      ...(dataDir ? { dataDir } : {}),
    });
    return { server, httpsPort };
  };

  it('gets a certificate for a name, serves https with HSTS, and redirects http', async () => {
    const { server, httpsPort } = await serve('localhost', {});
    try {
      expect(server.url).toBe(`https://127.0.0.1:${httpsPort}`);
      const cert = await presented(httpsPort, 'localhost', pebble.root);
      expect(cert.subjectaltname).toContain('DNS:localhost');
      const res = await fetchHeaders(`https://localhost:${httpsPort}/healthz`, pebble.root);
      expect(res.status).toBe(200);
      expect(res.headers['strict-transport-security']).toBe('max-age=63072000');
      expect(await httpGet(httpPort, '/?room=abc')).toEqual({
        status: 301,
        location: `https://localhost:${httpsPort}/?room=abc`,
      });
      // A forged Host does not steer the redirect: the domain does.
      expect((await httpGet(httpPort, '/', 'evil.example')).location).toBe(
        `https://localhost:${httpsPort}/`,
      );
      expect((await httpGet(httpPort, '/.well-known/acme-challenge/nope')).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('gets a certificate for a bare IP (RFC 8738) and keeps it across a restart', async () => {
    const { server, httpsPort } = await serve('127.0.0.1', {});
    const first = await presented(httpsPort, undefined, pebble.root);
    expect(first.subjectaltname).toContain('IP Address:127.0.0.1');
    await server.close();
    // Same data folder: the stored certificate is reused, the CA is not asked again.
    const again = await serve('127.0.0.1', {}, server.dataDir);
    try {
      const second = await presented(again.httpsPort, undefined, pebble.root);
      expect(second.serialNumber).toBe(first.serialNumber);
    } finally {
      await again.server.stop();
    }
  });

  it('renews before expiry and swaps the certificate without a restart', async () => {
    // Any certificate is "due" with this window, so every check renews.
    const { server, httpsPort } = await serve('localhost', {
      renewBeforeMs: 1e13,
      checkIntervalMs: 300,
    });
    try {
      const first = await presented(httpsPort, 'localhost', pebble.root);
      let latest = first;
      let served = 0;
      while (latest.serialNumber === first.serialNumber) {
        const res = await fetchHeaders(`https://localhost:${httpsPort}/healthz`, pebble.root);
        expect(res.status).toBe(200);
        served++;
        latest = await presented(httpsPort, 'localhost', pebble.root);
      }
      expect(served).toBeGreaterThan(0);
      expect(latest.subjectaltname).toContain('DNS:localhost');
    } finally {
      await server.stop();
    }
  });
});

/** An https GET trusting only `ca`; resolves with status and headers. */
function fetchHeaders(
  url: string,
  ca: string,
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}
