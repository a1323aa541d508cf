import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIdentity } from '@yam/crypto';
import { SUBPROTOCOL } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from './helpers/gated-storage.ts';
import { authFrame, TestClient } from './helpers/test-client.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

describe('authentication', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const open = async (...args: Parameters<typeof TestClient.open>) => {
    const c = await TestClient.open(...args);
    clients.push(c);
    return c;
  };
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
  });

  it('[P-AUTH1] a signed challenge gives ready with the key hash as client ID', async () => {
    server = await startTestServer();
    const identity = createIdentity();
    const c = await open(server.wsUrl);
    const challenge = await c.next((f) => f.t === 'challenge');
    expect(challenge.origin).toBe(server.url);
    expect(Buffer.from(challenge.nonce, 'base64url')).toHaveLength(32);
    expect(challenge.expiresAt).toBeGreaterThan(Date.now());
    c.send(authFrame(identity, challenge.origin, challenge.nonce));
    const ready = await c.next((f) => f.t === 'ready');
    const expectedId = createHash('sha256').update(identity.publicKey).digest('base64url');
    expect(ready.clientId).toBe(expectedId);
    expect(ready.limits).toEqual({
      maxFrameBytes: 262144,
      maxPayloadBytes: 131072,
      maxRoomsPerConnection: 100,
      maxHistoryPage: 200,
      maxHistoryPageBytes: 524288,
      maxBlobBytes: 524288, // [P-BLOB5]
    });
  });

  it('[P-AUTH2] an auth frame replayed on another connection fails', async () => {
    server = await startTestServer();
    const identity = createIdentity();
    const first = await open(server.wsUrl);
    const challenge1 = await first.next((f) => f.t === 'challenge');
    const captured = authFrame(identity, challenge1.origin, challenge1.nonce);
    const second = await open(server.wsUrl);
    await second.next((f) => f.t === 'challenge');
    second.send(captured);
    expect((await second.next((f) => f.t === 'error')).code).toBe('AUTH_FAILED');
    expect((await second.closed).code).toBe(4401);
    // The captured frame still works where it belongs: the failure was the replay.
    first.send(captured);
    expect((await first.next((f) => f.t === 'ready' || f.t === 'error')).t).toBe('ready');
  });

  it('[P-AUTH2] an auth after expiresAt gets CHALLENGE_EXPIRED', async () => {
    server = await startTestServer({ limits: { challengeTtlMs: 1 } });
    const c = await open(server.wsUrl);
    const challenge = await c.next((f) => f.t === 'challenge');
    await until(() => Date.now() > challenge.expiresAt + 1);
    c.send(authFrame(createIdentity(), challenge.origin, challenge.nonce));
    expect((await c.next((f) => f.t === 'error')).code).toBe('CHALLENGE_EXPIRED');
    expect((await c.closed).code).toBe(4402);
  });

  it('[P-AUTH3] a signature bound to another origin fails', async () => {
    server = await startTestServer();
    const c = await open(server.wsUrl);
    const challenge = await c.next((f) => f.t === 'challenge');
    c.send(authFrame(createIdentity(), 'https://evil.example', challenge.nonce));
    expect((await c.next((f) => f.t === 'error')).code).toBe('AUTH_FAILED');
    expect((await c.closed).code).toBe(4401);
  });

  it('[P-AUTH3] the challenge origin is the configured public URL', async () => {
    server = await startTestServer({ publicUrl: 'https://chat.example.org/' });
    // A TLS proxy in front passes the public name on as Host.
    const c = await open(server.wsUrl, { host: 'chat.example.org' });
    expect((await c.next((f) => f.t === 'challenge')).origin).toBe('https://chat.example.org');
  });

  it('[P-AUTH4] requests before ready get UNAUTHENTICATED and the connection stays usable', async () => {
    server = await startTestServer();
    const c = await open(server.wsUrl);
    const challenge = await c.next((f) => f.t === 'challenge');
    const error = await c.request({ t: 'sub', rid: 7, room: 'room-1' });
    expect(error).toMatchObject({ t: 'error', rid: 7, code: 'UNAUTHENTICATED' });
    c.send(authFrame(createIdentity(), challenge.origin, challenge.nonce));
    expect((await c.next((f) => f.t === 'ready')).t).toBe('ready');
  });

  it('a second auth on a ready connection is BAD_FRAME', async () => {
    server = await startTestServer();
    const c = await TestClient.authenticated(server.wsUrl);
    clients.push(c);
    c.send(authFrame(c.identity, server.url, 'A'.repeat(43)));
    expect((await c.next((f) => f.t === 'error')).code).toBe('BAD_FRAME');
    expect((await c.request({ t: 'kp.put', rid: 1, keyPackages: [] })).t).toBe('kp.stored');
  });

  it('a connection that never authenticates is closed', async () => {
    server = await startTestServer({ limits: { authTimeoutMs: 50 } });
    const c = await open(server.wsUrl);
    expect((await c.closed).code).toBe(4401);
  });

  it('[P-AUTH5] a stolen resume token without the device key logs nobody in', async () => {
    server = await startTestServer();
    const victim = await TestClient.authenticated(server.wsUrl);
    clients.push(victim);
    // The token a server signed for the victim, as main issued it in `ready.token`
    // (`<clientId>.<expiresAt>.<HMAC-SHA256(secret)>`): what a thief would hold.
    const secret = readFileSync(join(server.dataDir, 'secret'));
    const body = `${victim.ready.clientId}.${Date.now() + 600_000}`;
    const stolen = `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;

    const thief = await open(server.wsUrl, {
      protocols: [SUBPROTOCOL, `yam.token.${stolen}`],
    });
    expect(thief.ws.protocol).toBe(SUBPROTOCOL);
    const first = await thief.next(() => true);
    expect(first.t).toBe('challenge');
    // Answering needs the victim's key; the thief's own key makes it only itself.
    thief.send(authFrame(createIdentity(), first.origin, first.nonce));
    const ready = await thief.next((f) => f.t === 'ready');
    expect(ready.clientId).not.toBe(victim.ready.clientId);
    // Nothing bearer-like is handed out any more.
    expect(victim.ready.token).toBeUndefined();
  });

  it('[P-V1] an upgrade without the yam.v1 subprotocol is refused', async () => {
    server = await startTestServer();
    await expect(TestClient.open(server.wsUrl, { protocols: ['yam.v0'] })).rejects.toThrow(
      'status 426',
    );
  });
});
