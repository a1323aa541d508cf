import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore } from '@yam/client';
import { createIdentity } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/index.ts';
import { admit } from '../helpers/claim-room.ts';
import {
  oneTo,
  sdkClient,
  serveProcess,
  type TestSdkClient,
  text,
  untext,
  waitFor,
} from './sdk-harness.ts';

const cleanups: (() => unknown)[] = [];
const clients: TestSdkClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.client.close()));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yam-int-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function track(child: ChildProcess, exited: Promise<unknown>): void {
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
}

describe('SDK on the real server: durability', () => {
  it('[P-MSG3] every acked message survives SIGKILL of the server right after the acks', async () => {
    const data = tempDir();
    const first = await serveProcess(data);
    track(first.child, first.exited);
    const room = 'durable' as RoomId;
    const writer = sdkClient(first.url);
    clients.push(writer);
    const readerIdentity = createIdentity();
    await admit(wsOf(first.url), room, writer.identity, readerIdentity);
    await writer.client.join(room);
    writer.client.connect();
    await waitFor(() => writer.client.state === 'online', 'online');

    const N = 30;
    // Kill the server as soon as half are acked, while the rest are still in flight.
    const killed = new Promise<void>((resolve) => {
      const off = writer.client.on('ack', () => {
        if (writer.acks.length >= N / 2) {
          first.child.kill('SIGKILL');
          off();
          resolve();
        }
      });
    });
    for (const i of oneTo(N)) void writer.client.send(room, text(`m-${i}`));
    await killed;
    await first.exited;
    await writer.client.close();
    const acked = [...writer.acks];
    expect(acked.length).toBeGreaterThanOrEqual(N / 2);

    const second = await serveProcess(data);
    track(second.child, second.exited);
    const reader = sdkClient(second.url, { identity: readerIdentity });
    clients.push(reader);
    reader.client.connect();
    await reader.client.join(room);
    await waitFor(() => reader.client.state === 'online', 'reader online');
    const page = await reader.client.history(room, { before: Number.MAX_SAFE_INTEGER, limit: 200 });
    const stored = new Map(page.messages.map((m) => [m.seq as number, m]));
    for (const ack of acked) {
      expect(stored.get(ack.seq)?.cmid, `acked seq ${ack.seq}`).toBe(ack.cmid);
    }
    // Stored seqs are gap-free from 1.
    expect([...stored.keys()]).toEqual(oneTo(stored.size));
    expect(new Set(page.messages.map((m) => untext(m.payload))).size).toBe(stored.size);
  });

  it('the outbox survives a client restart while the server is down: delivered once when it is back', async () => {
    const data = tempDir();
    const probe = await startServer({
      host: '127.0.0.1',
      port: 0,
      dataDir: data,
      logLevel: 'silent',
    });
    const { url, port } = probe;
    await probe.close();

    const room = 'outbox' as RoomId;
    const identity = createIdentity();
    const store = new MemoryStore();
    const offline = sdkClient(url, { identity, store });
    offline.client.connect();
    await waitFor(() => offline.client.state === 'offline', 'offline (server down)');
    await offline.client.join(room);
    const item = await offline.client.send(room, text('queued while down'));
    expect((await store.outboxList()).map((i) => i.cmid)).toEqual([item.cmid]);
    await offline.client.close();

    let server: RunningServer | undefined;
    cleanups.push(() => server?.close());
    server = await startServer({ host: '127.0.0.1', port, dataDir: data, logLevel: 'silent' });
    const reader = sdkClient(url);
    await admit(wsOf(url), room, identity, reader.identity);
    clients.push(reader);
    reader.client.connect();
    await reader.client.join(room);
    await waitFor(() => reader.client.state === 'online', 'reader online');

    // A new client (a restarted app) with the same store and no join call.
    const restarted = sdkClient(url, { identity, store });
    clients.push(restarted);
    restarted.client.connect();
    await waitFor(() => restarted.acks.length === 1, 'the queued message acked');
    await waitFor(() => reader.messages.length === 1, 'the reader got it');
    expect(untext(reader.messages[0]!.payload)).toBe('queued while down');
    expect(reader.messages[0]!.cmid).toBe(item.cmid);
    expect(await store.outboxList()).toEqual([]);
    expect(restarted.client.rooms()).toContain(room);
    const page = await reader.client.history(room, { before: Number.MAX_SAFE_INTEGER, limit: 10 });
    expect(page.messages.filter((m) => m.kind !== 'commit')).toHaveLength(1);
  });
});

const wsOf = (url: string) => new URL('/ws', url).href.replace(/^http/, 'ws');
