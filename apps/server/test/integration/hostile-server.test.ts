import { verifyAuthChallenge } from '@yam/crypto';
import { authMessage, fromBase64Url } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { type WebSocket as ServerSocket, WebSocketServer } from 'ws';
import { sdkClient, type TestSdkClient, waitFor } from './sdk-harness.ts';

let wss: WebSocketServer | undefined;
const clients: TestSdkClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.client.close()));
  for (const socket of wss?.clients ?? []) socket.terminate();
  await new Promise((resolve) => (wss ? wss.close(resolve) : resolve(undefined)));
  wss = undefined;
});

/** A fake server (not Yam's): it misbehaves first, then authenticates properly. */
async function hostileServer(
  onSocket: (ws: ServerSocket, origin: string) => void,
): Promise<string> {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'yam.v1' });
  await new Promise((resolve) => wss!.once('listening', resolve));
  const { port } = wss.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  wss.on('connection', (ws) => onSocket(ws, origin));
  return `${origin}/`;
}

describe('SDK against a misbehaving server', () => {
  it('[P-ERR2] garbage, oversized and ill-typed frames are reported as errors, never crash the client', async () => {
    let authOk = false;
    const url = await hostileServer((ws, origin) => {
      ws.send('not json');
      ws.send(JSON.stringify({ t: 'msg', room: 'r', seq: -1 }));
      ws.send(JSON.stringify({ t: 'unknown-type' }));
      ws.send(Buffer.from([0xff, 0xfe, 0xfd]));
      ws.send('x'.repeat(600 * 1024));
      const nonce = 'n'.repeat(43);
      ws.send(
        JSON.stringify({ t: 'challenge', v: 1, nonce, origin, expiresAt: Date.now() + 60_000 }),
      );
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.t !== 'auth') return;
        authOk = verifyAuthChallenge(
          fromBase64Url(frame.publicKey),
          authMessage(origin, nonce),
          fromBase64Url(frame.signature),
        );
        ws.send(
          JSON.stringify({
            t: 'ready',
            clientId: t.client.clientId,
            limits: {
              maxFrameBytes: 1,
              maxPayloadBytes: 10,
              maxRoomsPerConnection: 1,
              maxHistoryPage: 50,
            },
          }),
        );
      });
    });
    const t = sdkClient(url);
    clients.push(t);
    t.client.connect();
    await waitFor(() => t.client.state === 'online', 'online despite the garbage');
    expect(authOk).toBe(true);
    const codes = t.errors.map((e) => e.code);
    expect(codes.filter((c) => c === 'BAD_FRAME')).toHaveLength(4);
    expect(codes).toContain('FRAME_TOO_LARGE');
    // The limits the server advertised apply: a payload over its maxPayloadBytes is refused locally.
    await expect(t.client.send('r' as never, new Uint8Array(11))).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('[P-AUTH3] a challenge bound to another origin is refused and never signed', async () => {
    // As a relaying server would: it passes on another server's challenge.
    let sockets = 0;
    const received: string[] = [];
    const url = await hostileServer((ws) => {
      sockets += 1;
      const nonce = 'n'.repeat(43);
      const origin = 'https://elsewhere.example';
      ws.send(
        JSON.stringify({ t: 'challenge', v: 1, nonce, origin, expiresAt: Date.now() + 60_000 }),
      );
      ws.on('message', (data) => received.push(JSON.parse(String(data)).t));
    });
    const t = sdkClient(url);
    clients.push(t);
    t.client.connect();
    await waitFor(() => t.errors.some((e) => e.code === 'AUTH_FAILED'), 'AUTH_FAILED');
    await waitFor(() => sockets >= 2, 'a retry');
    expect(t.client.state).not.toBe('online');
    expect(received).not.toContain('auth');
  });
});
