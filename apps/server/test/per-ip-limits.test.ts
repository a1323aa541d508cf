import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type AuthedTestClient, authFrame, TestClient } from './helpers/test-client.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

let server: TestServer | undefined;
const open: WebSocket[] = [];

afterEach(async () => {
  for (const ws of open.splice(0)) ws.terminate();
  await server?.stop();
  server = undefined;
});

/** Opens a socket from `localAddress`; resolves 'open' or the refusal's status and body. */
function dial(
  url: string,
  localAddress = '127.0.0.1',
): Promise<{ ws: WebSocket; status?: number; body?: string }> {
  const ws = new WebSocket(url, ['yam.v1'], { localAddress });
  open.push(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => resolve({ ws, status: res.statusCode ?? 0, body }));
    });
    ws.once('error', reject);
  });
}

describe('per-IP limits at the upgrade', () => {
  it('[P-LIM5] refuses a socket past maxConnectionsPerIp with 429 and a reason; another IP still connects', async () => {
    server = await startTestServer({ limits: { maxConnectionsPerIp: 2 } });
    const a = await TestClient.authenticated(server.wsUrl);
    const b = await TestClient.authenticated(server.wsUrl);
    const third = await dial(server.wsUrl);
    expect(third.status).toBe(429);
    expect(third.body).toMatch(/Too many connections from your network address/);
    expect((await dial(server.wsUrl, '127.0.0.2')).status).toBeUndefined();
    // Closing one frees its slot.
    await a.close();
    await waitUntilRefusalEnds(server.wsUrl);
    await b.close();
  });

  it('[P-LIM5] refuses past maxUnauthenticatedPerIp; authenticating frees the slot', async () => {
    server = await startTestServer({ limits: { maxUnauthenticatedPerIp: 2 } });
    const first = await TestClient.open(server.wsUrl);
    const second = await TestClient.open(server.wsUrl);
    const refused = await dial(server.wsUrl);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatch(/try again/);
    expect((await dial(server.wsUrl, '127.0.0.3')).status).toBeUndefined();
    const challenge = await first.next((f) => f.t === 'challenge');
    const { createIdentity } = await import('@yam/crypto');
    first.send(authFrame(createIdentity(), challenge.origin, challenge.nonce));
    await first.next((f) => f.t === 'ready');
    const now = await dial(server.wsUrl);
    expect(now.status).toBeUndefined();
    await Promise.all([first.close(), second.close()]);
  });

  it('[P-LIM5] the global cap answers 503 with a reason', async () => {
    server = await startTestServer({ limits: { maxConnections: 1 } });
    await dial(server.wsUrl);
    const refused = await dial(server.wsUrl, '127.0.0.2');
    expect(refused.status).toBe(503);
    expect(refused.body).toMatch(/The server is full/);
  });
});

async function waitUntilRefusalEnds(url: string): Promise<AuthedTestClient | undefined> {
  for (let i = 0; i < 100; i++) {
    const attempt = await dial(url);
    if (attempt.status === undefined) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the closed socket never freed its slot');
}
