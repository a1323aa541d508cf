import { afterEach, describe, expect, it } from 'vitest';
import { turnPassword } from '../../src/turn/turn-credentials.ts';
import { type Frame, TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { TurnTestClient } from './turn-test-client.ts';

describe('ice: ICE servers for authenticated clients', () => {
  let server: TestServer | undefined;
  const sockets: TestClient[] = [];
  afterEach(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    sockets.length = 0;
    await server?.stop();
    server = undefined;
  });
  async function connect(s: TestServer) {
    const client = await TestClient.authenticated(s.wsUrl);
    sockets.push(client);
    return client;
  }

  it('[P-ICE1] hands out STUN and TURN URLs with credentials that our TURN server accepts', async () => {
    server = await startTestServer({ turn: { port: 0, secret: 'ice-secret' } });
    const client = await connect(server);
    const reply = await client.request({ t: 'ice', rid: 7 });
    expect(reply.t).toBe('iceServers');
    const port = server.turnPort;
    expect(reply.iceServers[0].urls).toEqual([`stun:127.0.0.1:${port}`]);
    const turn: Frame = reply.iceServers[1];
    expect(turn.urls).toEqual([
      `turn:127.0.0.1:${port}?transport=udp`,
      `turn:127.0.0.1:${port}?transport=tcp`,
    ]);
    const [expiry, clientId] = turn.username.split(':');
    expect(clientId).toBe(client.ready.clientId);
    expect(Number(expiry) * 1000).toBe(reply.expiresAt);
    expect(reply.expiresAt).toBeGreaterThan(Date.now());
    const turnClient = await TurnTestClient.open({ ip: '127.0.0.1', port: port ?? 0 });
    try {
      const allocation = await turnClient.allocate({
        username: turn.username,
        password: turn.credential,
      });
      expect(allocation.code).toBeUndefined();
    } finally {
      turnClient.close();
    }
  });

  it('[P-ICE1] counts TURN credentials per IP over any number of identities: past the burst, QUOTA_EXCEEDED', async () => {
    server = await startTestServer({ turn: { port: 0, credentialBurstPerIp: 2 } });
    const replies: string[] = [];
    for (let i = 0; i < 3; i++) {
      const client = await connect(server);
      const reply = await client.request({ t: 'ice', rid: 1 });
      replies.push(reply.t === 'error' ? reply.code : reply.t);
      if (reply.t === 'error') expect(reply.retryAfterMs).toBeGreaterThan(0);
    }
    expect(replies).toEqual(['iceServers', 'iceServers', 'QUOTA_EXCEEDED']);
    // Not fatal: the connection stays.
    expect(sockets[2]!.ws.readyState).toBe(sockets[2]!.ws.OPEN);
  });

  it('[P-ICE1] answers with an empty list when the server has no STUN/TURN', async () => {
    server = await startTestServer();
    expect(server.turnPort).toBeUndefined();
    const client = await connect(server);
    const reply = await client.request({ t: 'ice', rid: 1 });
    expect(reply).toMatchObject({ t: 'iceServers', rid: 1, iceServers: [] });
  });

  it('[P-ICE1] [P-AUTH4] refuses ice before authentication', async () => {
    server = await startTestServer({ turn: { port: 0 } });
    const client = await TestClient.open(server.wsUrl);
    sockets.push(client);
    await client.next((f) => f.t === 'challenge');
    const reply = await client.request({ t: 'ice', rid: 2 });
    expect(reply).toMatchObject({ t: 'error', code: 'UNAUTHENTICATED' });
  });

  it('[P-ICE1] with externalTurn, issues credentials for the external coturn and runs no TURN itself', async () => {
    const urls = ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'];
    server = await startTestServer({
      turn: { enabled: false, externalTurn: { urls, secret: 'coturn-shared' } },
    });
    expect(server.turnPort).toBeUndefined();
    const client = await connect(server);
    const reply = await client.request({ t: 'ice', rid: 3 });
    expect(reply.iceServers).toHaveLength(1);
    const entry: Frame = reply.iceServers[0];
    expect(entry.urls).toEqual(urls);
    expect(entry.username.endsWith(`:${client.ready.clientId}`)).toBe(true);
    expect(entry.credential).toBe(turnPassword('coturn-shared', entry.username));
  });
});
