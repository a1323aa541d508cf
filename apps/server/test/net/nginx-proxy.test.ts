import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { claimRoom } from '../helpers/claim-room.ts';
import { b64, TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { freeTcpPort } from '../tls/pebble.ts';

const NGINX = '/usr/sbin/nginx';
const ROOT = join(import.meta.dirname, '../../../..');
/** The README's nginx set-up, used as is but for ports and TLS (the test speaks plain http). */
const SNIPPET = readFileSync(join(ROOT, 'docs/nginx-yam.conf'), 'utf8');

function skipReason(): string | undefined {
  if (existsSync(NGINX)) return undefined;
  if (process.env.CI === 'true') return undefined; // installed on purpose in CI: fail, not skip
  return `${NGINX} missing: apt-get install -y nginx`;
}
const reason = skipReason();
if (reason) console.warn(`skipping the nginx reverse-proxy test: ${reason}`);

/** `from` replaced by `to` in `text`; throws when `from` is not there, so the doc cannot drift. */
function swap(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`docs/nginx-yam.conf no longer has "${from}"`);
  return text.replace(from, to);
}

describe('the reverse-proxy docs', () => {
  it('the README shows docs/nginx-yam.conf and docs/Caddyfile exactly', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(SNIPPET);
    expect(readme).toContain(readFileSync(join(ROOT, 'docs/Caddyfile'), 'utf8'));
  });
});

describe.skipIf(reason !== undefined)('nginx in front of yam serve (docs/nginx-yam.conf)', () => {
  let dir: string;
  let nginx: ChildProcess | undefined;
  let server: TestServer;
  let base: string;
  const logs: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yam-nginx-'));
    const port = await freeTcpPort();
    base = `http://127.0.0.1:${port}`;
    server = await startTestServer({
      publicUrl: base,
      trustProxy: ['127.0.0.1'],
      logLevel: 'info',
      logStream: new Writable({
        write(chunk, _enc, done) {
          logs.push(...String(chunk).split('\n').filter(Boolean));
          done();
        },
      }),
    });
    let site = swap(SNIPPET, 'listen 443 ssl;', `listen 127.0.0.1:${port};`);
    site = swap(site, 'proxy_pass http://127.0.0.1:8080;', `proxy_pass ${server.url};`);
    site = site.replace(/^\s*ssl_certificate.*$/gm, '');
    const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
    writeFileSync(
      join(dir, 'nginx.conf'),
      `daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 64; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
${site}
}
`,
    );
    nginx = spawn(NGINX, ['-e', join(dir, 'error.log'), '-p', dir, '-c', join(dir, 'nginx.conf')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    nginx.stderr?.on('data', (d) => (stderr += d));
    // Ready when it answers; /healthz goes through to yam.
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (i > 100 || nginx.exitCode !== null) {
        throw new Error(`nginx did not start: ${stderr}${readLog(dir)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('[P-AUTH6] the WebSocket upgrade, auth and a message go through nginx', async () => {
    const a = await TestClient.authenticated(`${base.replace('http', 'ws')}/ws`);
    const b = await TestClient.authenticated(`${base.replace('http', 'ws')}/ws`);
    try {
      // The challenge names the public origin: the one nginx is reached at.
      await claimRoom(a, 'room-1', [b]);
      for (const c of [a, b]) await c.request({ t: 'sub', rid: 1, room: 'room-1' });
      const ack = await a.request({
        t: 'pub',
        rid: 2,
        room: 'room-1',
        cmid: 'cmid-0001',
        payload: b64('hello through nginx'),
      });
      expect(ack).toMatchObject({ t: 'ack', duplicate: false });
      const msg = await b.next((f) => f.t === 'msg' && f.cmid === 'cmid-0001');
      expect(Buffer.from(msg.payload, 'base64url').toString()).toBe('hello through nginx');
    } finally {
      a.ws.terminate();
      b.ws.terminate();
    }
  });

  it('[P-LIM5] the client IP the server sees is the one nginx put in X-Forwarded-For, not a spoofed one', async () => {
    // From 127.0.0.2 to nginx, claiming to be 198.51.100.9: nginx appends the real peer.
    const ws = new WebSocket(`${base.replace('http', 'ws')}/ws`, ['yam.v1'], {
      localAddress: '127.0.0.2',
      headers: { 'x-forwarded-for': '198.51.100.9' },
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.terminate();
    const connected = logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'connected');
    expect(connected.map((l) => l.ip)).toContain('127.0.0.2');
    expect(connected.map((l) => l.ip)).not.toContain('198.51.100.9');
  });
});

function readLog(dir: string): string {
  const file = join(dir, 'error.log');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}
