import { connect } from 'node:net';
import { createIdentity } from '@yam/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { rawGet } from './helpers/raw-http.ts';
import { authFrame, TestClient } from './helpers/test-client.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

describe('the server answers only to its own origins', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
  });
  const challengeFor = async (host: string) => {
    const c = await TestClient.open(server.wsUrl, { host });
    clients.push(c);
    return c.next((f) => f.t === 'challenge');
  };

  it('[P-AUTH6] with nothing configured: localhost, 127.0.0.1 and [::1] on its own port', async () => {
    server = await startTestServer();
    for (const name of ['localhost', '127.0.0.1', '[::1]', 'LOCALHOST']) {
      const host = `${name}:${server.port}`;
      expect((await rawGet(`${server.url}/healthz`, { host })).status, host).toBe(200);
      expect((await rawGet(`${server.url}/nope`, { host })).status, host).toBe(404);
      expect((await challengeFor(host)).origin).toBe(`http://${name.toLowerCase()}:${server.port}`);
    }
  });

  it('[P-AUTH6] another Host gets 421 in words, on HTTP and on the WebSocket upgrade', async () => {
    server = await startTestServer({ webRoot: undefined });
    for (const host of [
      'evil.example',
      `evil.example:${server.port}`,
      `localhost:${server.port + 1}`,
      'localhost',
      `127.0.0.1.evil.example:${server.port}`,
      `evil.example/@127.0.0.1:${server.port}`,
    ]) {
      const res = await rawGet(`${server.url}/?room=r1`, { host });
      expect(res.status, host).toBe(421);
      expect(res.headers['content-type']).toContain('text/plain');
      const text = res.body.toString();
      expect(text).toContain(`It answers only to: http://localhost:${server.port}, `);
      expect(text).toContain('./yam serve --domain');
      await expect(TestClient.open(server.wsUrl, { host }), host).rejects.toThrow('status 421');
    }
    const res = await rawGet(`${server.url}/`, { host: 'chat.example.org' });
    expect(res.body.toString()).toContain('does not answer to "chat.example.org"');
    expect(res.body.toString()).toContain('./yam serve --domain chat.example.org\n');
    const noHost = await rawRequest(server.port, 'GET / HTTP/1.0\r\n\r\n');
    expect(noHost).toMatch(/^HTTP\/1\.[01] 421 /);
    expect(noHost).toContain('does not answer to a request without a valid Host');
    // Load balancers probe by address: health stays open, and tells nothing else.
    expect((await rawGet(`${server.url}/healthz`, { host: 'evil.example' })).status).toBe(200);
  });

  it('[P-AUTH6] with a public URL: its host only, by the name a proxy passes on', async () => {
    server = await startTestServer({ publicUrl: 'https://chat.example.org/yam/' });
    for (const host of ['chat.example.org', 'chat.example.org:443', 'Chat.Example.Org.']) {
      const res = await rawGet(`${server.url}/?room=r1`, { host });
      expect(res.status, host).toBe(302);
      expect(res.headers.location).toBe(
        `https://chat.example.org/yam/?room=${encodeURIComponent('https://chat.example.org/yam/?room=r1')}`,
      );
      expect((await challengeFor(host)).origin).toBe('https://chat.example.org');
    }
    for (const host of [`127.0.0.1:${server.port}`, 'localhost', 'chat.example.org:80']) {
      const res = await rawGet(`${server.url}/?room=r1`, { host });
      expect(res.status, host).toBe(421);
      expect(res.body.toString()).toContain('It answers only to: https://chat.example.org.');
      await expect(TestClient.open(server.wsUrl, { host }), host).rejects.toThrow('status 421');
    }
  });

  it('[P-URL1] a Room URL is built on the origin the request addressed, one of ours', async () => {
    server = await startTestServer();
    const host = `localhost:${server.port}`;
    const res = await rawGet(`${server.url}/?room=r1`, { host });
    expect(res.headers.location).toBe(
      `http://${host}/?room=${encodeURIComponent(`http://${host}/?room=r1`)}`,
    );
  });

  it('[P-AUTH6] the address a request arrived at is this machine\u2019s own', async () => {
    server = await startTestServer({ host: '0.0.0.0' });
    // Any non-loopback address of this machine would do; 127.0.0.2 arrives as itself.
    const url = `http://127.0.0.2:${server.port}`;
    expect((await rawGet(`${url}/?room=r1`)).status).toBe(302);
    const c = await TestClient.open(`ws://127.0.0.2:${server.port}/ws`);
    clients.push(c);
    const challenge = await c.next((f) => f.t === 'challenge');
    expect(challenge.origin).toBe(url);
    c.send(authFrame(createIdentity(), challenge.origin, challenge.nonce));
    expect((await c.next((f) => f.t === 'ready')).t).toBe('ready');
  });
});

/** Sends raw bytes (e.g. a request without Host) and resolves with everything answered. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}
