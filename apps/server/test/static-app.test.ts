import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { rawGet } from './helpers/raw-http.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

const JS = `console.log(${JSON.stringify('yam '.repeat(2000))});\n`;
const HTML = `<!doctype html><title>Yam app</title>${'<p>yam</p>'.repeat(200)}`;

describe('the web app over HTTP', () => {
  let server: TestServer;
  let webRoot: string;
  afterEach(async () => {
    await server?.stop();
    rmSync(webRoot, { recursive: true, force: true });
  });

  /** A build as `vite build` leaves it: hashed assets plus their .br and .gz. */
  const start = async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'yam-web-'));
    mkdirSync(join(webRoot, 'assets'));
    const files: [string, string][] = [
      ['index.html', HTML],
      ['assets/index-AbC123.js', JS],
      ['assets/tiny-Zz9.css', 'p{color:red}'],
      ['yam.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ];
    for (const [path, text] of files) writeFileSync(join(webRoot, path), text);
    for (const path of ['index.html', 'assets/index-AbC123.js']) {
      const raw = Buffer.from(files.find(([p]) => p === path)![1]);
      writeFileSync(join(webRoot, `${path}.br`), brotliCompressSync(raw));
      writeFileSync(join(webRoot, `${path}.gz`), gzipSync(raw));
    }
    server = await startTestServer({ webRoot });
  };

  it('sends brotli or gzip by Accept-Encoding, with Vary, and the plain file otherwise', async () => {
    await start();
    const url = `${server.url}/assets/index-AbC123.js`;
    const br = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(String(br.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(JS);
    expect(br.body.length).toBeLessThan(JS.length / 10);

    const gz = await rawGet(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(JS);

    const plain = await rawGet(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(String(plain.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(plain.body.toString()).toBe(JS);

    // A file without compressed twins (too small to gain) goes out as it is.
    const css = await rawGet(`${server.url}/assets/tiny-Zz9.css`, { 'accept-encoding': 'br' });
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.body.toString()).toBe('p{color:red}');
  });

  it('caches hashed assets for good and revalidates index.html and the rest', async () => {
    await start();
    for (const path of ['assets/index-AbC123.js', 'assets/tiny-Zz9.css']) {
      const res = await rawGet(`${server.url}/${path}`, { 'accept-encoding': 'br' });
      expect(res.headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
    }
    for (const path of ['', '?room=http%3A%2F%2Fx%2F%3Froom%3Dr1', 'index.html', 'yam.svg']) {
      const res = await rawGet(`${server.url}/${path}`, { 'accept-encoding': 'br' });
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('no-cache');
    }
    // index.html at '/' is precompressed too.
    const index = await rawGet(`${server.url}/`, { 'accept-encoding': 'gzip, br' });
    expect(index.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(index.body).toString()).toBe(HTML);
  });
});
