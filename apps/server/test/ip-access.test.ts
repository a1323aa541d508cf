import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { IpAccess } from '../src/net/ip-access.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { TurnTestClient } from './turn/turn-test-client.ts';

describe('IpAccess', () => {
  it('deny wins; with an allow list only listed addresses pass; IPv4-mapped counts as IPv4', () => {
    const access = new IpAccess({
      allow: ['203.0.113.0/24', '2001:db8::/32'],
      deny: ['203.0.113.66'],
    });
    expect(access.allows('203.0.113.5')).toBe(true);
    expect(access.allows('::ffff:203.0.113.5')).toBe(true);
    expect(access.allows('203.0.113.66')).toBe(false);
    expect(access.allows('198.51.100.1')).toBe(false);
    expect(access.allows('2001:db8:1::9')).toBe(true);
    expect(access.allows('2001:db9::1')).toBe(false);
    expect(access.allows(undefined)).toBe(false);
  });

  it('with no lists everyone passes; a deny list alone refuses only what it names', () => {
    expect(new IpAccess().allows('198.51.100.1')).toBe(true);
    const deny = new IpAccess({ deny: ['10.0.0.0/8'] });
    expect(deny.allows('10.9.9.9')).toBe(false);
    expect(deny.allows('11.0.0.1')).toBe(true);
  });

  it('names a malformed entry', () => {
    expect(() => new IpAccess({ deny: ['10.0.0.0/33'] })).toThrow(/"10.0.0.0\/33" is not/);
    expect(() => new IpAccess({ allow: ['example.org'] })).toThrow(/"example.org" is not/);
  });
});

describe('IP allow/deny lists on the real server', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  /** GET / from `localAddress`: status and body. */
  const get = (localAddress: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${server!.url}/healthz`, { localAddress }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
  const upgrade = (localAddress: string) =>
    new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(server!.wsUrl, ['yam.v1'], { localAddress });
      ws.once('open', () => {
        ws.terminate();
        resolve(101);
      });
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('error', reject);
    });

  it('a denied address gets 403 in words from the web app and at the WebSocket; others pass', async () => {
    server = await startTestServer({ ipAccess: { deny: ['127.0.0.2'] } });
    const refused = await get('127.0.0.2');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatch(/does not accept connections from your network address/);
    expect(await upgrade('127.0.0.2')).toBe(403);
    expect((await get('127.0.0.1')).status).not.toBe(403);
    expect(await upgrade('127.0.0.1')).toBe(101);
  });

  it('with an allow list, an address not on it is refused', async () => {
    server = await startTestServer({ ipAccess: { allow: ['127.0.0.1/32'] } });
    expect(await upgrade('127.0.0.1')).toBe(101);
    expect(await upgrade('127.0.0.3')).toBe(403);
    expect((await get('127.0.0.3')).status).toBe(403);
  });

  it('TURN answers nobody the lists refuse', async () => {
    server = await startTestServer({
      turn: { port: 0, secret: 's' },
      ipAccess: { deny: ['127.0.0.2'] },
    });
    const turnAddress = { ip: '127.0.0.1', port: server.turnPort ?? 0 };
    const allowed = await TurnTestClient.open(turnAddress);
    const denied = await TurnTestClient.open(turnAddress, '127.0.0.2');
    try {
      const { StunMethod } = await import('../src/turn/stun-constants.ts');
      expect((await allowed.transact(StunMethod.Binding)).code).toBeUndefined();
      await expect(denied.transact(StunMethod.Binding)).rejects.toThrow();
    } finally {
      allowed.close();
      denied.close();
    }
  });
});
