import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../src/index.ts';
import { GatedStorage, until } from './helpers/gated-storage.ts';
import { b64, TestClient } from './helpers/test-client.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

describe('acks and shutdown', () => {
  const dirs: string[] = [];
  const servers: TestServer[] = [];
  const clients: TestClient[] = [];
  const boot = async (
    storage?: GatedStorage,
    dataDir = mkdtempSync(join(tmpdir(), 'yam-dur-')),
  ) => {
    dirs.push(dataDir);
    const server = await startTestServer({ dataDir, ...(storage ? { storage } : {}) });
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await Promise.all(servers.splice(0).map((s) => s.close()));
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('[P-MSG3] the ack waits for the storage write to finish', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yam-dur-'));
    const storage = new GatedStorage(new SqliteStorage(join(dataDir, 'yam.db')));
    const server = await boot(storage, dataDir);
    const c = await TestClient.authenticated(server.wsUrl);
    clients.push(c);
    await claim(storage, c.ready.clientId); // seq 1, past the gate
    await c.request({ t: 'sub', rid: 1, room: 'room-1' });
    c.send({ t: 'pub', rid: 2, room: 'room-1', cmid: 'cmid-0001', payload: b64('x') });
    await until(() => storage.waiting === 1);
    // A later request on the same socket is answered while the write is held...
    const page = await c.request({ t: 'hist', rid: 3, room: 'room-1' });
    expect(page.messages.map((m: { seq: number }) => m.seq)).toEqual([1]);
    // ...and still no ack: it only comes once the write is done.
    expect(c.frames.some((f) => f.t === 'ack')).toBe(false);
    storage.open();
    expect(await c.next((f) => f.t === 'ack')).toMatchObject({ rid: 2, seq: 2 });
  });

  it('graceful shutdown finishes in-flight publishes, acks them, then closes with 1001', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yam-dur-'));
    const storage = new GatedStorage(new SqliteStorage(join(dataDir, 'yam.db')));
    const server = await boot(storage, dataDir);
    const c = await TestClient.authenticated(server.wsUrl);
    clients.push(c);
    await claim(storage, c.ready.clientId); // seq 1
    await c.request({ t: 'sub', rid: 1, room: 'room-1' });
    c.send({ t: 'pub', rid: 2, room: 'room-1', cmid: 'cmid-0001', payload: b64('x') });
    await until(() => storage.waiting === 1);
    const closing = server.close();
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    storage.open();
    const closed = await c.closed;
    await closing;
    await server.close(); // twice is fine
    // The write finished, its ack and fan-out went out, and only then the goodbye.
    const order = c.frames.slice(-3).map((f) => (f.t === 'error' ? f.code : f.t));
    expect(order).toEqual(['ack', 'msg', 'SHUTTING_DOWN']);
    expect(closed.code).toBe(1001);

    // The acknowledged message is there after a restart on the same data.
    const again = await boot(undefined, dataDir);
    const d = await TestClient.authenticated(again.wsUrl, c.identity);
    clients.push(d);
    expect((await d.request({ t: 'sub', rid: 1, room: 'room-1' })).head).toBe(2);
  });
});

/** Claims room-1 for `owner` straight in the storage, past the gate. [P-MEM1] */
function claim(storage: GatedStorage, owner: string) {
  const payload = new Uint8Array([1]);
  return storage.inner.appendCommit({
    room: 'room-1',
    from: owner,
    cmid: 'claim-0001',
    ts: 1,
    epoch: 0,
    payload,
  });
}
