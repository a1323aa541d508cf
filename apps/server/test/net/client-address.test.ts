import { type IncomingMessage, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { clientAddress, TrustedProxies } from '../../src/net/client-address.ts';
import { TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/** The two parts of a request clientAddress reads. */
const req = (peer: string, xff?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
  }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  const trusted = new TrustedProxies(['127.0.0.1', '10.0.0.0/8']);

  it('an untrusted peer is the client, whatever X-Forwarded-For says (spoofing ignored)', () => {
    expect(clientAddress(req('203.0.113.9', '198.51.100.1'), trusted)).toBe('203.0.113.9');
    expect(clientAddress(req('127.0.0.1', '198.51.100.1'), new TrustedProxies())).toBe('127.0.0.1');
  });

  it('from a trusted peer: the rightmost entry that is not a trusted proxy', () => {
    expect(clientAddress(req('127.0.0.1', '198.51.100.1'), trusted)).toBe('198.51.100.1');
    // The client wrote "1.2.3.4" itself; the proxy appended its real address.
    expect(clientAddress(req('127.0.0.1', '1.2.3.4, 198.51.100.1, 10.1.1.1'), trusted)).toBe(
      '198.51.100.1',
    );
    expect(clientAddress(req('::ffff:127.0.0.1', '2001:db8::5'), trusted)).toBe('2001:db8::5');
  });

  it('without the header, or with a malformed entry, the last trusted hop counts', () => {
    expect(clientAddress(req('127.0.0.1'), trusted)).toBe('127.0.0.1');
    expect(clientAddress(req('127.0.0.1', 'nonsense'), trusted)).toBe('127.0.0.1');
    expect(clientAddress(req('127.0.0.1', '198.51.100.1, junk, 10.0.0.2'), trusted)).toBe(
      '10.0.0.2',
    );
  });

  it('names a malformed --trust-proxy entry', () => {
    expect(() => new TrustedProxies(['proxy.example'])).toThrow(/"proxy.example" is not/);
  });
});

describe('--trust-proxy on the real server', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  const get = (localAddress: string, xff: string) =>
    new Promise<number>((resolve, reject) => {
      const r = request(
        `${server!.url}/healthz`,
        { localAddress, headers: { 'x-forwarded-for': xff } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      r.on('error', reject);
      r.end();
    });
  /** Opens a WebSocket from `localAddress` claiming `xff`; resolves the status, leaves it open. */
  const open: WebSocket[] = [];
  const upgrade = (localAddress: string, xff: string) =>
    new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(server!.wsUrl, ['yam.v1'], {
        localAddress,
        headers: { 'x-forwarded-for': xff },
      });
      open.push(ws);
      ws.once('open', () => resolve(101));
      ws.once('unexpected-response', (_r, res) => resolve(res.statusCode ?? 0));
      ws.once('error', reject);
    });
  afterEach(() => {
    for (const ws of open.splice(0)) ws.terminate();
  });

  it('[P-LIM5] per-IP socket limit: keyed by X-Forwarded-For from the trusted proxy only', async () => {
    server = await startTestServer({
      trustProxy: ['127.0.0.1'],
      limits: { maxConnectionsPerIp: 1 },
    });
    // Through the proxy: two clients, two keys.
    expect(await upgrade('127.0.0.1', '198.51.100.1')).toBe(101);
    expect(await upgrade('127.0.0.1', '198.51.100.2')).toBe(101);
    expect(await upgrade('127.0.0.1', '198.51.100.1')).toBe(429);
    // An untrusted peer inventing addresses is still one IP.
    expect(await upgrade('127.0.0.2', '198.51.100.3')).toBe(101);
    expect(await upgrade('127.0.0.2', '198.51.100.4')).toBe(429);
  });

  it('deny list: a forwarded address is judged only when a trusted proxy forwarded it', async () => {
    server = await startTestServer({
      trustProxy: ['127.0.0.1'],
      ipAccess: { deny: ['198.51.100.7'] },
    });
    expect(await get('127.0.0.1', '198.51.100.7')).toBe(403);
    expect(await upgrade('127.0.0.1', '198.51.100.7')).toBe(403);
    expect(await get('127.0.0.1', '198.51.100.8')).toBe(200);
    // Spoofing the header from elsewhere neither gets a client blocked nor hides one.
    expect(await get('127.0.0.2', '198.51.100.7')).toBe(200);
    expect(await upgrade('127.0.0.2', '198.51.100.7')).toBe(101);
  });

  it('[P-BLOB3] blob bytes per IP: keyed by X-Forwarded-For from the trusted proxy only', async () => {
    server = await startTestServer({
      trustProxy: ['127.0.0.1'],
      limits: { blobQuotaBytes: 10_000, blobIpQuotaBytes: 1500 },
    });
    const upload = async (localAddress: string, xff: string, fill: number) => {
      const c = await TestClient.authenticated(server!.wsUrl);
      const grant = await c.request({ t: 'blob.grant', rid: 1 });
      c.ws.terminate();
      return new Promise<number>((resolve, reject) => {
        const r = request(
          `${server!.url}/blobs`,
          {
            method: 'POST',
            localAddress,
            headers: { authorization: `Bearer ${grant.token}`, 'x-forwarded-for': xff },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        r.on('error', reject);
        r.end(new Uint8Array(1000).fill(fill));
      });
    };
    // Two clients behind the proxy: each has its own quota.
    expect(await upload('127.0.0.1', '198.51.100.1', 1)).toBe(201);
    expect(await upload('127.0.0.1', '198.51.100.2', 2)).toBe(201);
    expect(await upload('127.0.0.1', '198.51.100.1', 3)).toBe(429);
    // An untrusted peer cannot escape its quota by inventing addresses.
    expect(await upload('127.0.0.2', '198.51.100.3', 4)).toBe(201);
    expect(await upload('127.0.0.2', '198.51.100.4', 5)).toBe(429);
  });
});
