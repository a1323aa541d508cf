import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  connect,
  getCACertificates,
  type PeerCertificate,
  setDefaultCACertificates,
} from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimRoom } from '../helpers/claim-room.ts';
import { b64, TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { coturnSkipReason, runTool, startPeer, uclientSummary } from '../turn/coturn-tools.ts';
import { pebbleSkipReason, selfSignedPair } from './pebble.ts';

// openssl makes the test certificates; pebble's skip reason covers it.
const skip = pebbleSkipReason();
const coturnSkip = coturnSkipReason();

/** The certificate a fresh TLS handshake on `port` presents. */
function presented(port: number): Promise<PeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = connect(
      { host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false },
      () => {
        const cert = socket.getPeerCertificate();
        socket.end();
        resolve(cert);
      },
    );
    socket.on('error', reject);
  });
}

describe.skipIf(skip !== undefined)('own certificate files (--tls-cert / --tls-key)', () => {
  let dir: string;
  let server: TestServer;
  let live: { certFile: string; keyFile: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yam-tls-files-'));
    live = selfSignedPair(dir, 'live');
    // The server's own wss connections in these tests trust the first certificate.
    setDefaultCACertificates([
      ...getCACertificates('default'),
      readFileSync(live.certFile, 'utf8'),
    ]);
    server = await startTestServer({
      tls: { ...live, httpsPort: 0, httpPort: 0 },
      turn: { port: 0, tlsPort: 0, secret: 'tls-secret', allowLoopbackPeers: true },
    });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the files, then the replaced files on the next handshake (no restart)', async () => {
    const first = await presented(server.port);
    const next = selfSignedPair(dir, 'next');
    // Replace by rename, as certbot and most tools do; key first, then certificate.
    renameSync(next.keyFile, live.keyFile);
    renameSync(next.certFile, live.certFile);
    const expected = new X509Certificate(readFileSync(live.certFile)).serialNumber;
    let latest = first;
    while (latest.serialNumber !== expected) latest = await presented(server.port);
    expect(latest.serialNumber).not.toBe(first.serialNumber);
    // TURN over TLS swapped too.
    if (server.turnTlsPort === undefined) throw new Error('no turns port');
    let turns = await presented(server.turnTlsPort);
    while (turns.serialNumber !== expected) turns = await presented(server.turnTlsPort);
  });

  it('[P-ROOM2] fans room messages out over wss (frames written straight to the TLS socket)', async () => {
    const cert = readFileSync(live.certFile, 'utf8'); // the files may have been replaced above
    setDefaultCACertificates([...getCACertificates('default'), cert]);
    const a = await TestClient.authenticated(server.wsUrl);
    const b = await TestClient.authenticated(server.wsUrl);
    try {
      await claimRoom(a, 'tls-room', [b]);
      await a.request({ t: 'sub', rid: 1, room: 'tls-room' });
      await b.request({ t: 'sub', rid: 1, room: 'tls-room' });
      for (let i = 0; i < 20; i++) {
        const cmid = `tls-${String(i).padStart(4, '0')}`;
        a.send({ t: 'pub', rid: 10 + i, room: 'tls-room', cmid, payload: b64(`over tls ${i}`) });
      }
      for (const reader of [a, b]) {
        for (let i = 0; i < 20; i++) {
          const msg = await reader.next(
            (f) => f.t === 'msg' && f.cmid === `tls-${String(i).padStart(4, '0')}`,
          );
          expect(Buffer.from(msg.payload, 'base64url').toString()).toBe(`over tls ${i}`);
        }
      }
    } finally {
      a.ws.terminate();
      b.ws.terminate();
    }
  });

  it('[P-ICE1] hands out a turns: URL next to turn: when TLS is on', async () => {
    const cert = readFileSync(live.certFile, 'utf8'); // the files may have been replaced above
    setDefaultCACertificates([...getCACertificates('default'), cert]);
    const client = await TestClient.authenticated(server.wsUrl);
    try {
      const reply = await client.request({ t: 'ice', rid: 1 });
      expect(reply.iceServers[1].urls).toContain(
        `turns:127.0.0.1:${server.turnTlsPort}?transport=tcp`,
      );
    } finally {
      await client.close();
    }
  });

  it.skipIf(coturnSkip !== undefined)(
    'coturn turnutils_uclient relays through us over turns: (TLS)',
    async () => {
      const peer = await startPeer();
      const uclient = (user: string) =>
        runTool('turnutils_uclient', [
          ...['-c', '-n', '40', '-l', '400', '-z', '5', '-t', '-S'],
          ...['-p', String(server.turnTlsPort), '-e', '127.0.0.1', '-r', String(peer.port)],
          ...['-u', user, '-W', 'tls-secret', '127.0.0.1'],
        ]);
      try {
        // Two quirks of uclient over TLS, not of the relay: it picks a TLS version per
        // connection, TLS 1.0 and 1.1 among them, which we refuse (next test); and now and
        // then it leaves records unread in its TLS buffer at the end (in such runs we
        // counted the server writing every byte of all 40 echoes). Such a run is repeated.
        const clean = (out: string) =>
          !out.includes('alert protocol version') && uclientSummary(out).lost === 0;
        let { output } = await uclient('tls-user-0');
        for (let run = 1; run < 4 && !clean(output); run++) {
          ({ output } = await uclient(`tls-user-${run}`));
        }
        expect(output).toMatch(/tls_connect: client session connected .*method=TLSv1\.[23]/);
        expect(uclientSummary(output), output).toEqual({ sent: 40, received: 40, lost: 0 });
      } finally {
        await peer.stop();
      }
    },
    60_000,
  );

  it('refuses TLS older than 1.2 on https and turns:', async () => {
    for (const port of [server.port, server.turnTlsPort ?? 0]) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect(
          {
            host: '127.0.0.1',
            port,
            minVersion: 'TLSv1',
            maxVersion: 'TLSv1.1',
            ciphers: 'DEFAULT@SECLEVEL=0',
            rejectUnauthorized: false,
          },
          () => {
            socket.destroy();
            resolve('connected');
          },
        );
        socket.on('error', (error) => resolve(String((error as NodeJS.ErrnoException).code)));
      });
      expect(outcome).toBe('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION'); // the server's alert
    }
  });
});
