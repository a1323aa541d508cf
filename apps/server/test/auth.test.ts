import { createHash } from 'node:crypto';
import { createIdentity } from '@yam/crypto';
import { SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX } from '@yam/protocol';
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
    const c = await open(server.wsUrl);
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

  it('[P-AUTH5] a valid resume token skips the challenge; a tampered one gets a challenge', async () => {
    server = await startTestServer();
    const c = await TestClient.authenticated(server.wsUrl);
    clients.push(c);
    const token: string = c.ready.token;
    expect(token.startsWith(`${c.ready.clientId}.`)).toBe(true);

    const resumed = await open(server.wsUrl, {
      protocols: [SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${token}`],
    });
    expect(resumed.ws.protocol).toBe(SUBPROTOCOL);
    const first = await resumed.next(() => true);
    expect(first).toMatchObject({ t: 'ready', clientId: c.ready.clientId });

    const other = createHash('sha256').update('someone else').digest('base64url');
    const forged = [other, ...token.split('.').slice(1)].join('.');
    const tampered = await open(server.wsUrl, {
      protocols: [SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${forged}`],
    });
    expect((await tampered.next(() => true)).t).toBe('challenge');
  });

  it('[P-V1] an upgrade without the yam.v1 subprotocol is refused', async () => {
    server = await startTestServer();
    await expect(TestClient.open(server.wsUrl, { protocols: ['yam.v0'] })).rejects.toThrow(
      'status 426',
    );
  });
});
