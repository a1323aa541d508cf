/**
 * Handshake and first-page times over https against plain http, on one Yam server with a
 * self-signed P-256 certificate (openssl) serving the built web app (`npm run build -w
 * @yam/web` first). Sequential fresh connections, so the figure is latency, not throughput.
 *
 *   node bench/tls/https-first-page.ts [--runs 200]
 *
 * "first page" = a new connection, GET / and then every script and stylesheet index.html
 * names, one after another on that connection (what a first visit costs before the app
 * runs). The server runs in this process: times include its CPU as well as the client's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServer } from '@yam/server';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' } } });
const RUNS = Number(values.runs);
const WEB_ROOT = fileURLToPath(new URL('../../apps/web/dist', import.meta.url));
if (!existsSync(WEB_ROOT)) throw new Error('build the web app first: npm run build -w @yam/web');

const dir = mkdtempSync(join(tmpdir(), 'yam-bench-tls-'));
const certFile = join(dir, 'cert.pem');
const keyFile = join(dir, 'key.pem');
execFileSync('openssl', [
  ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'],
  ...['-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=localhost'],
  ...['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
]);
const ca = readFileSync(certFile, 'utf8');

const common = { host: '127.0.0.1', logLevel: 'silent', webRoot: WEB_ROOT } as const;
const plain = await startServer({ ...common, port: 0, dataDir: join(dir, 'plain') });
const secure = await startServer({
  ...common,
  dataDir: join(dir, 'secure'),
  tls: { certFile, keyFile, httpsPort: 0, httpPort: 0 },
});

type Stats = { median: number; p95: number };
function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: round(at(0.5)), p95: round(at(0.95)) };
}
const round = (ms: number) => Math.round(ms * 1000) / 1000;

async function timeConnect(tls: boolean, port: number): Promise<number> {
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const socket = tls
      ? tlsConnect({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () => {
          socket.destroy();
          resolve();
        })
      : netConnect({ host: '127.0.0.1', port }, () => {
          socket.destroy();
          resolve();
        });
    socket.on('error', reject);
  });
  return performance.now() - start;
}

function get(tls: boolean, port: number, path: string, agent: HttpAgent): Promise<string> {
  return new Promise((resolve, reject) => {
    const options = {
      host: '127.0.0.1',
      port,
      path,
      agent,
      ...(tls ? { ca, servername: 'localhost' } : {}),
    };
    const req = (tls ? httpsRequest : httpRequest)(options, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () =>
        res.statusCode === 200 ? resolve(body) : reject(new Error(`${path}: ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** A fresh keep-alive connection (one socket): GET / then each script and stylesheet. */
async function timeFirstPage(tls: boolean, port: number): Promise<{ ms: number; bytes: number }> {
  const agent = tls
    ? new HttpsAgent({ keepAlive: true, maxSockets: 1 })
    : new HttpAgent({ keepAlive: true, maxSockets: 1 });
  const start = performance.now();
  const html = await get(tls, port, '/', agent);
  let bytes = html.length;
  const assets = [...html.matchAll(/(?:src|href)="\.?(\/[^"]+\.(?:js|css))"/g)].map(
    (m) => m[1] ?? '',
  );
  for (const asset of assets) bytes += (await get(tls, port, asset, agent)).length;
  const ms = performance.now() - start;
  agent.destroy();
  return { ms, bytes };
}

async function measure(tls: boolean, port: number) {
  const connect: number[] = [];
  const page: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 10; i++) await timeFirstPage(tls, port); // warm up
  for (let i = 0; i < RUNS; i++) {
    connect.push(await timeConnect(tls, port));
    const first = await timeFirstPage(tls, port);
    page.push(first.ms);
    bytes = first.bytes;
  }
  return { connectMs: stats(connect), firstPageMs: stats(page), firstPageBytes: bytes };
}

try {
  const http = await measure(false, plain.port);
  const https = await measure(true, secure.port);
  console.log(
    JSON.stringify(
      {
        runs: RUNS,
        cert: 'ECDSA P-256, TLS 1.3',
        'http (connect = TCP)': http,
        'https (connect = TCP + TLS)': https,
      },
      null,
      2,
    ),
  );
} finally {
  await plain.close();
  await secure.close();
  rmSync(dir, { recursive: true, force: true });
}
