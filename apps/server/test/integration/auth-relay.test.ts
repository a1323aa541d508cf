import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { sdkClient, type TestSdkClient, waitFor } from './sdk-harness.ts';

let victim: TestServer | undefined;
let relay: WebSocketServer | undefined;
const clients: TestSdkClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.client.close()));
  for (const socket of relay?.clients ?? []) socket.terminate();
  await new Promise((resolve) => (relay ? relay.close(resolve) : resolve(undefined)));
  relay = undefined;
  await victim?.stop();
  victim = undefined;
});

type Seen = { upgradeStatus?: number; readyClientId?: string };

/**
 * A malicious Yam server that a visitor uses. For each visitor it dials the victim server
 * with its own Host, so that a server trusting Host binds the challenge to the attacker's
 * origin, and passes frames through both ways.
 */
async function relayingServer(victimWsUrl: string, hostFor: (port: number) => string) {
  relay = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'yam.v1' });
  await new Promise((resolve) => relay!.once('listening', resolve));
  const { port } = relay.address() as { port: number };
  const seen: Seen = {};
  relay.on('connection', (visitor) => {
    const upstream = new WebSocket(victimWsUrl, ['yam.v1'], {
      headers: { host: hostFor(port) },
    });
    upstream.on('unexpected-response', (_req, res) => {
      seen.upgradeStatus = res.statusCode;
      visitor.close(1011);
    });
    upstream.on('error', () => visitor.close(1011));
    upstream.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.t === 'ready') seen.readyClientId = frame.clientId;
      visitor.send(String(data));
    });
    visitor.on('message', (data) => {
      if (upstream.readyState === WebSocket.OPEN) upstream.send(String(data));
    });
    visitor.on('close', () => upstream.terminate());
  });
  return { url: `http://127.0.0.1:${port}/`, seen };
}

describe('a malicious server relaying a victim server\u2019s challenge', () => {
  it('[P-AUTH6] cannot log in as its visitor on a server with no configured origin', async () => {
    victim = await startTestServer();
    const attacker = await relayingServer(victim.wsUrl, (port) => `127.0.0.1:${port}`);
    const visitor = sdkClient(attacker.url);
    clients.push(visitor);
    visitor.client.connect();
    await waitFor(
      () => attacker.seen.upgradeStatus !== undefined || attacker.seen.readyClientId !== undefined,
      'the victim server to answer the relayed upgrade',
    );
    expect(attacker.seen.readyClientId).toBeUndefined();
    expect(attacker.seen.upgradeStatus).toBe(421);
    expect(visitor.client.state).not.toBe('online');
  });

  it('[P-AUTH6] cannot log in as its visitor on a server with a public URL', async () => {
    victim = await startTestServer({ publicUrl: 'https://chat.example.org/' });
    const attacker = await relayingServer(victim.wsUrl, (port) => `127.0.0.1:${port}`);
    const visitor = sdkClient(attacker.url);
    clients.push(visitor);
    visitor.client.connect();
    // Before servers checked Host, the visitor refused this challenge (its origin was the
    // public URL's); now the victim refuses the upgrade before any challenge.
    await waitFor(
      () =>
        attacker.seen.upgradeStatus !== undefined ||
        attacker.seen.readyClientId !== undefined ||
        visitor.errors.some((e) => e.code === 'AUTH_FAILED'),
      'the victim server or the visitor to refuse',
    );
    expect(attacker.seen.readyClientId).toBeUndefined();
    expect(attacker.seen.upgradeStatus).toBe(421);
  });
});
