import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import {
  type AckInfo,
  MemorySecretStore,
  MemoryStore,
  type OpenedMessage,
  YamRooms,
} from '@yam/client';
import { createIdentity } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { text, untext, waitFor } from '../integration/sdk-harness.ts';
import { type Cluster, startCluster } from './cluster-harness.ts';
import { SwitchProxy } from './switch-proxy.ts';

// A Redis of the test's own, on a port of its own: the shared one is never restarted.
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
const skip = !hasRedisServer && process.env.CI !== 'true';
if (skip) console.warn('skipping the Redis restart test: no redis-server on PATH');

let redis: ChildProcess | undefined;
let cluster: Cluster | undefined;
let proxy: SwitchProxy | undefined;
const open = new Set<YamRooms>();

afterEach(async () => {
  await Promise.all([...open].map((r) => r.close()));
  open.clear();
  await cluster?.stop();
  await proxy?.close();
  redis?.kill('SIGKILL');
  cluster = undefined;
  proxy = undefined;
  redis = undefined;
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

async function startRedis(port: number): Promise<ChildProcess> {
  const proc = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('Ready to accept connections')) resolve();
    });
    proc.on('exit', () => reject(new Error(`redis-server exited: ${out}`)));
  });
  return proc;
}

async function device(room: RoomId) {
  const rooms = new YamRooms({
    server: proxy!.url,
    identity: createIdentity(),
    store: new MemoryStore(),
    secrets: new MemorySecretStore(),
    backoff: { minMs: 50, maxMs: 200 },
    keyPackageTarget: 2,
  });
  const opened: OpenedMessage[] = [];
  const acks: AckInfo[] = [];
  rooms.on('message', (m) => opened.push(m));
  rooms.on('ack', (a) => acks.push(a));
  open.add(rooms);
  await rooms.start();
  await waitFor(() => rooms.status.state === 'online', 'online');
  const texts = () => opened.filter((m) => m.room === room && m.body).map((m) => untext(m.body!));
  return { rooms, acks, texts };
}

describe.skipIf(skip)('Redis restarting under two instances', () => {
  it('fan-out resumes by itself and a message stored while Redis was down still arrives', async () => {
    const port = await freePort();
    redis = await startRedis(port);
    proxy = await SwitchProxy.start();
    cluster = await startCluster(2, {
      publicUrl: proxy.url,
      redisUrl: `redis://127.0.0.1:${port}`,
    });
    const [s1, s2] = cluster.servers;
    const room = `restart-${Date.now()}` as RoomId;
    proxy.target = s1!.port;
    const a = await device(room);
    proxy.target = s2!.port;
    const b = await device(room);
    await a.rooms.enter(room);
    const entering = b.rooms.enter(room, { invite: await a.rooms.joins.invite(room) });
    expect(await entering).toBe('joined');
    await a.rooms.send(room, text('before'));
    await waitFor(() => b.texts().includes('before'), 'B reads the first message');

    redis.kill('SIGKILL');
    await new Promise((resolve) => redis!.on('exit', resolve));
    // Stored and acked while nothing can fan it out.
    const during = await a.rooms.send(room, text('during the outage'));
    await during.acked;

    redis = await startRedis(port);
    await waitFor(() => b.texts().includes('during the outage'), 'B catches up', 20_000);
    await a.rooms.send(room, text('after'));
    await waitFor(() => b.texts().includes('after'), 'live fan-out again', 20_000);
    expect(b.texts()).toEqual(['before', 'during the outage', 'after']);
  });
});
