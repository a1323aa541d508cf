import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisBus } from '../../src/bus/redis/redis-bus.ts';
import { claimRoom } from '../helpers/claim-room.ts';
import { type AuthedTestClient, type Frame, TestClient } from '../helpers/test-client.ts';
import { redisSkipReason, TEST_REDIS_URL, uniquePrefix } from '../helpers/test-redis.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const skip = await redisSkipReason('the instance-death test');

const CLI_MAIN = fileURLToPath(new URL('../../../cli/src/main.ts', import.meta.url));

let child: ChildProcess | undefined;
let server: TestServer | undefined;
const dirs: string[] = [];
const clients: TestClient[] = [];
let prefix = '';

afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  for (const c of clients.splice(0)) c.ws.terminate();
  await server?.stop();
  server = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  // `yam serve --redis` keeps the deployment's shared secret under its prefix.
  const redis = new Redis(TEST_REDIS_URL);
  await redis.del(`${prefix}secret`);
  redis.disconnect();
});

/** `yam serve --redis` as a child process: an instance that can really be SIGKILLed. */
async function serveOnRedis(): Promise<{ url: string; child: ChildProcess }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yam-instance-'));
  dirs.push(dataDir);
  const proc = spawn(
    process.execPath,
    [
      CLI_MAIN,
      'serve',
      ...['--host', '127.0.0.1', '--port', '0', '--data', dataDir, '--log-level', 'silent'],
      ...['--no-turn', '--redis', TEST_REDIS_URL, '--redis-prefix', prefix],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const match = /Yam is running at (\S+)/.exec(out);
      if (match) resolve(match[1]!.replace('//localhost:', '//127.0.0.1:').replace(/\/$/, ''));
    });
    proc.on('exit', () => reject(new Error(`yam serve exited early: ${stderr}`)));
  });
  return { url, child: proc };
}

const wsOf = (url: string) => `${url.replace(/^http/, 'ws')}/ws`;

/** A raw client that owns `room` on the server at `wsUrl` and is subscribed to it. */
async function subscribedOwner(
  wsUrl: string,
  room: string,
): Promise<AuthedTestClient & { subscribed: Frame }> {
  const client = await TestClient.authenticated(wsUrl);
  clients.push(client);
  await claimRoom(client, room);
  const subscribed = await client.request({ t: 'sub', rid: 1, room });
  expect(subscribed.t).toBe('subscribed');
  return Object.assign(client, { subscribed });
}

describe.skipIf(skip !== undefined)('an instance that dies', () => {
  it('its clients go offline for members on other instances once its lease runs out', async () => {
    prefix = uniquePrefix();
    const room = `death-${Date.now()}`;
    const doomed = await serveOnRedis();
    child = doomed.child;
    // The survivor: its own storage (presence needs none), the same Redis and prefix.
    server = await startTestServer({
      bus: await RedisBus.connect(TEST_REDIS_URL, { prefix }),
      cluster: { prefix, heartbeatMs: 200, leaseMs: 1_500 },
    });
    const x = await subscribedOwner(wsOf(doomed.url), room);
    const y = await subscribedOwner(server.wsUrl, room);
    const xId = x.ready.clientId as string;
    const online = (f: Frame) => f.t === 'presence' && f.clientId === xId && f.state === 'online';
    // X is online for Y: in the members Y was given, or announced right after.
    if (!(y.subscribed.members as string[]).includes(xId)) await y.next(online, 10_000);

    child.kill('SIGKILL');
    const offline = await y.next(
      (f) => f.t === 'presence' && f.clientId === xId && f.state === 'offline',
      10_000,
    );
    expect(offline.room).toBe(room);
  });
});
