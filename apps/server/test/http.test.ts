import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rawGet } from './helpers/raw-http.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

const CSP =
  "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function expectSecurityHeaders(res: Response): void {
  expect(res.headers.get('content-security-policy')).toBe(CSP);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('http', () => {
  let server: TestServer;
  let webRoot: string | undefined;
  afterEach(async () => {
    await server?.stop();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
    webRoot = undefined;
  });
  const makeWebRoot = () => {
    webRoot = mkdtempSync(join(tmpdir(), 'yam-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Yam app</title>');
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log(1)');
    return webRoot;
  };

  it('/healthz answers ok with the security headers', async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expectSecurityHeaders(res);
    const missing = await fetch(`${server.url}/nope`);
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing);
  });

  it('[P-URL1] a Room URL redirects to the app with the full Room URL', async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/?room=team.chat~1&name=Caf%C3%A9%20%26%20co`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const roomUrl = `${server.url}/?room=team.chat~1&name=Caf%C3%A9%20%26%20co`;
    expect(res.headers.get('location')).toBe(
      `${server.url}/?room=${encodeURIComponent(roomUrl)}&name=Caf%C3%A9%20%26%20co`,
    );
    expectSecurityHeaders(res);
  });

  it('[P-URL1] the redirect goes to appUrl and uses publicUrl for the Room URL', async () => {
    server = await startTestServer({
      appUrl: 'https://app.example/yam/',
      publicUrl: 'https://chat.example.org/',
    });
    const res = await rawGet(`${server.url}/?room=r1`, { host: 'chat.example.org' });
    expect(res.headers.location).toBe(
      `https://app.example/yam/?room=${encodeURIComponent('https://chat.example.org/?room=r1')}`,
    );
  });

  it('serves the web app: index.html for a full Room URL, static files, no redirect loop', async () => {
    server = await startTestServer({ webRoot: makeWebRoot() });
    const roomUrl = encodeURIComponent(`${server.url}/?room=r1`);
    const res = await fetch(`${server.url}/?room=${roomUrl}&name=x`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Yam app</title>');
    expectSecurityHeaders(res);
    const plain = await fetch(`${server.url}/`);
    expect(await plain.text()).toContain('Yam app');
    const asset = await fetch(`${server.url}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log(1)');
    expectSecurityHeaders(asset);
  });

  it('without a web app, / says the server runs', async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Yam server running; the web app is not built');
  });
});
