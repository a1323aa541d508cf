import { createHash } from 'node:crypto';
import { createIdentity } from '@yam/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../helpers/gated-storage.ts';
import { TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64url');

describe('blob store over HTTP', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const tokenOf = async () => {
    const c = await TestClient.authenticated(server.wsUrl, createIdentity());
    clients.push(c);
    const grant = await c.request({ t: 'blob.grant', rid: 1 });
    expect(grant).toMatchObject({ t: 'blob.granted', rid: 1 });
    return grant.token as string;
  };
  const upload = (token: string | undefined, body: Uint8Array<ArrayBuffer>) =>
    fetch(`${server.url}/blobs`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/octet-stream',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body,
    });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
  });

  it('[P-BLOB1] [P-BLOB2] stores bytes under their SHA-256 and serves them immutable', async () => {
    server = await startTestServer();
    const token = await tokenOf();
    const body = new Uint8Array(1000).map((_, i) => i % 251);
    const res = await upload(token, body);
    expect(res.status).toBe(201);
    const { hash, size } = (await res.json()) as { hash: string; size: number };
    expect(hash).toBe(sha(body));
    expect(size).toBe(1000);
    const got = await fetch(`${server.url}/blobs/${hash}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('cache-control')).toContain('immutable');
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(body);
    // Another hash of the right shape is simply unknown.
    expect((await fetch(`${server.url}/blobs/${sha(new Uint8Array([1]))}`)).status).toBe(404);
  });

  it('[P-BLOB1] no token or a forged one gets 401', async () => {
    server = await startTestServer();
    const token = await tokenOf();
    expect((await upload(undefined, new Uint8Array([1]))).status).toBe(401);
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await upload(forged, new Uint8Array([1]))).status).toBe(401);
    expect((await upload('nonsense', new Uint8Array([1]))).status).toBe(401);
  });

  it('[P-BLOB3] an upload token expires, and only an authenticated connection gets one', async () => {
    server = await startTestServer({ limits: { uploadTokenTtlMs: 1 } });
    const token = await tokenOf();
    const [, expiresAt] = token.split('.');
    await until(() => Date.now() > Number(expiresAt));
    const res = await upload(token, new Uint8Array([1]));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });

    const stranger = await TestClient.open(server.wsUrl);
    clients.push(stranger);
    await stranger.next((f) => f.t === 'challenge');
    expect(await stranger.request({ t: 'blob.grant', rid: 3 })).toMatchObject({
      t: 'error',
      code: 'UNAUTHENTICATED',
    });
  });

  it('[P-BLOB1] a body over the size cap gets 413 and is not stored', async () => {
    server = await startTestServer({ limits: { maxBlobBytes: 1024 } });
    const token = await tokenOf();
    const big = new Uint8Array(1025).fill(9);
    expect((await upload(token, big)).status).toBe(413);
    expect((await fetch(`${server.url}/blobs/${sha(big)}`)).status).toBe(404);
    expect((await upload(token, new Uint8Array(1024).fill(9))).status).toBe(201);
  });

  it('[P-BLOB1] each client has a quota; the same bytes again cost nothing', async () => {
    server = await startTestServer({ limits: { blobQuotaBytes: 2000 } });
    const token = await tokenOf();
    const other = await tokenOf();
    expect((await upload(token, new Uint8Array(1500).fill(1))).status).toBe(201);
    expect((await upload(token, new Uint8Array(1500).fill(1))).status).toBe(201);
    const over = await upload(token, new Uint8Array(600).fill(2));
    expect(over.status).toBe(429);
    expect(await over.json()).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    // Another client's quota is its own.
    expect((await upload(other, new Uint8Array(600).fill(2))).status).toBe(201);
  });

  it('[P-BLOB1] an expired blob is gone', async () => {
    server = await startTestServer({ limits: { blobTtlMs: 1 } });
    const token = await tokenOf();
    const res = await upload(token, new Uint8Array([5, 6, 7]));
    const { hash } = (await res.json()) as { hash: string };
    // Wait for the condition (expiry passed), not a fixed time.
    const deadline = Date.now() + 5_000;
    let status = 200;
    while (status !== 404 && Date.now() < deadline) {
      status = (await fetch(`${server.url}/blobs/${hash}`)).status;
    }
    expect(status).toBe(404);
  });

  it('[P-BLOB2] paths that are not a hash never reach the disk', async () => {
    server = await startTestServer();
    for (const path of [
      '..%2F..%2Fsecret',
      '..%2Fyam.db',
      'abc',
      `${'a'.repeat(42)}%2F`,
      `${'a'.repeat(44)}`,
    ]) {
      const res = await fetch(`${server.url}/blobs/${path}`);
      expect(res.status, path).toBe(400);
    }
    const dotdot = await fetch(`${server.url}/blobs/../secret`);
    expect(dotdot.status).not.toBe(200);
  });
});
