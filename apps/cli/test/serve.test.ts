import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { selfSignedPair } from '../../server/test/tls/pebble.ts';
import { type CliProcess, spawnCli } from './cli-process.ts';

const running: CliProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const p of running.splice(0)) {
    p.child.kill('SIGTERM');
    await p.exited;
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function serve(...extra: string[]): CliProcess {
  const data = mkdtempSync(join(tmpdir(), 'yam-serve-'));
  dirs.push(data);
  const args = ['serve', '--host', '127.0.0.1', '--port', '0', '--data', data];
  const p = spawnCli([...args, '--log-level', 'silent', ...extra], {});
  running.push(p);
  return p;
}

describe('yam serve', () => {
  it('runs the built-in STUN/TURN server next to the web server', async () => {
    const p = serve('--turn-port', '0');
    const line = await p.waitForLine((l) => l.startsWith('Yam is running at '));
    expect(line).toMatch(
      /^Yam is running at http:\/\/localhost:\d+\/ {2}\(open it in a browser\)$/,
    );
    await p.waitForStderr('STUN/TURN on UDP and TCP port ');
    const port = Number(/STUN\/TURN on UDP and TCP port (\d+)/.exec(p.stderr())?.[1]);
    expect(port).toBeGreaterThan(0);
  });

  it('--no-turn leaves STUN/TURN off', async () => {
    const p = serve('--no-turn');
    await p.waitForLine((l) => l.startsWith('Yam is running at '));
    expect(p.stderr()).not.toContain('STUN/TURN');
  });

  it('refuses an external TURN server without its shared secret', async () => {
    const p = serve('--external-turn', 'turn:turn.example.org:3478');
    expect(await p.exited).toBe(2);
    expect(p.stderr()).toContain('--turn-secret');
  });

  it('--redis: an unreachable Redis is one line of words and exit code 1, its password unsaid', async () => {
    const p = serve('--no-turn', '--redis', 'redis://:hunter2@127.0.0.1:1');
    expect(await p.exited).toBe(1);
    const lines = p.stderr().trim().split('\n');
    expect(lines).toEqual([
      'yam: cannot reach Redis at redis://:***@127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1',
    ]);
  });
});

describe('yam serve over https', () => {
  it('serves your own certificate files on the https port and redirects the http port (YAM_* env)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yam-serve-tls-'));
    dirs.push(dir);
    const { certFile, keyFile } = selfSignedPair(dir, 'own');
    const data = mkdtempSync(join(tmpdir(), 'yam-serve-'));
    dirs.push(data);
    const p = spawnCli(
      ['serve', '--host', '127.0.0.1', '--data', data, '--log-level', 'silent', '--no-turn'],
      {
        YAM_TLS_CERT: certFile,
        YAM_TLS_KEY: keyFile,
        YAM_HTTPS_PORT: '0',
        YAM_HTTP_PORT: '0',
      },
    );
    running.push(p);
    const line = await p.waitForLine((l) => l.startsWith('Yam is running at '));
    const port = Number(
      /^Yam is running at https:\/\/localhost:(\d+)\/ {2}\(open it/.exec(line)?.[1],
    );
    expect(port).toBeGreaterThan(0);
    await p.waitForStderr('redirects to https');
    const httpPort = Number(/http port (\d+) redirects to https/.exec(p.stderr())?.[1]);
    const res = await fetch(`http://127.0.0.1:${httpPort}/x`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`https://127.0.0.1:${port}/x`);
  });

  it('refuses half a certificate pair', async () => {
    const p = serve('--tls-cert', '/nonexistent.pem');
    expect(await p.exited).toBe(2);
    expect(p.stderr()).toContain('--tls-cert and --tls-key go together');
  });

  it('says in words when the ACME CA cannot be used', async () => {
    const ca = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => ca.listen(0, '127.0.0.1', resolve));
    const caPort = (ca.address() as { port: number }).port;
    try {
      const p = serve(
        ...['--domain', 'chat.example.org', '--https-port', '0', '--http-port', '0', '--no-turn'],
        ...['--acme-directory', `http://127.0.0.1:${caPort}/directory`],
      );
      expect(await p.exited).toBe(1);
      expect(p.stderr()).toContain('could not get a certificate for chat.example.org');
      expect(p.stderr()).toContain('points at this machine');
      expect(p.stderr()).not.toContain('AxiosError');
    } finally {
      ca.close();
    }
  });
});

describe('yam serve limits and IP lists', () => {
  it('--deny-ip refuses that address with 403 in words; --max-connections-per-ip is passed on', async () => {
    const p = serve('--no-turn', '--deny-ip', '127.0.0.2', '--max-connections-per-ip', '5');
    const line = await p.waitForLine((l) => l.startsWith('Yam is running at '));
    const port = Number(/localhost:(\d+)/.exec(line)?.[1]);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `http://127.0.0.1:${port}/healthz`,
        { localAddress: '127.0.0.2' },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('refuses a malformed CIDR or size with exit code 2 and words', async () => {
    const bad = serve('--no-turn', '--deny-ip', '10.0.0.0/40');
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toContain('"10.0.0.0/40" is not an IP address or CIDR range');
    const size = serve('--no-turn', '--blob-disk-budget', 'lots');
    expect(await size.exited).toBe(2);
    expect(size.stderr()).toContain('--blob-disk-budget needs a size such as 512K, 100M or 10G');
  });
});

describe('yam serve operations', () => {
  it('logs JSON lines when stderr is not a terminal', async () => {
    const data = mkdtempSync(join(tmpdir(), 'yam-serve-'));
    dirs.push(data);
    const p = spawnCli(
      ['serve', '--host', '127.0.0.1', '--port', '0', '--data', data, '--no-turn'],
      { YAM_LOG_LEVEL: 'info' },
    );
    running.push(p);
    await p.waitForLine((l) => l.startsWith('Yam is running at '));
    await p.waitForStderr('"msg":"listening"');
    const lines = p
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    const listening = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'listening');
    expect(listening).toMatchObject({ level: 30, service: 'yam-server', host: '127.0.0.1' });
  });

  it('--metrics-listen serves /metrics on its own port; YAM_METRICS_TOKEN guards it', async () => {
    const data = mkdtempSync(join(tmpdir(), 'yam-serve-'));
    dirs.push(data);
    const p = spawnCli(
      ['serve', '--host', '127.0.0.1', '--port', '0', '--data', data, '--no-turn'],
      { YAM_LOG_LEVEL: 'silent', YAM_METRICS_LISTEN: '127.0.0.1:0', YAM_METRICS_TOKEN: 't0k' },
    );
    running.push(p);
    await p.waitForStderr('at /metrics');
    const port = Number(/metrics on port (\d+)/.exec(p.stderr())?.[1]);
    const url = `http://127.0.0.1:${port}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    const res = await fetch(url, { headers: { authorization: 'Bearer t0k' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('yam_connections_open 0');
  });

  it('--trust-proxy: the forwarded address from that proxy is the one the IP lists judge', async () => {
    const p = serve('--no-turn', '--trust-proxy', '127.0.0.1', '--deny-ip', '198.51.100.7');
    const line = await p.waitForLine((l) => l.startsWith('Yam is running at '));
    const port = Number(/localhost:(\d+)/.exec(line)?.[1]);
    const status = async (xff: string) =>
      (await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { 'x-forwarded-for': xff } }))
        .status;
    expect(await status('198.51.100.7')).toBe(403);
    expect(await status('198.51.100.8')).toBe(200);
  });

  it('refuses a malformed --metrics-listen or --trust-proxy with exit code 2 and words', async () => {
    const listen = serve('--no-turn', '--metrics-listen', 'everywhere');
    expect(await listen.exited).toBe(2);
    expect(listen.stderr()).toContain('"everywhere" is not an address to listen on');
    const proxy = serve('--no-turn', '--trust-proxy', 'my-proxy');
    expect(await proxy.exited).toBe(2);
    expect(proxy.stderr()).toContain('"my-proxy" is not an IP address or CIDR range');
  });
});
