import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.ts';
import type { HistoryPage, HistoryQuery } from '../../src/storage/storage.ts';
import { admit } from '../helpers/claim-room.ts';
import { GatedStorage } from '../helpers/gated-storage.ts';
import { type AuthedTestClient, authFrame, TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import {
  admitAll,
  afterAdmit,
  oneTo,
  sdkClient,
  seqsOf,
  type TestSdkClient,
  text,
  waitFor,
} from './sdk-harness.ts';

let server: TestServer | undefined;
const clients: TestSdkClient[] = [];
const raws: { close(): unknown }[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.client.close()));
  for (const raw of raws.splice(0)) raw.close();
  await server?.stop();
  server = undefined;
});

const MAX_PAYLOAD = 128 * 1024;

/** Publishes `count` messages of `bytes` random-looking bytes each, one at a time. */
async function fill(
  writer: AuthedTestClient,
  room: string,
  count: number,
  bytes: number,
  pauseMs = 0,
) {
  for (let i = 1; i <= count; i++) {
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const payload = Buffer.alloc(bytes, i).toString('base64url');
    const ack = await writer.request({
      t: 'pub',
      rid: 10_000 + i,
      room,
      cmid: `big-${String(i).padStart(6, '0')}`,
      payload,
    });
    expect(ack.t).toBe('ack');
  }
}

describe('history in bounded pages', () => {
  it('[P-HIST3] backpressure: a reader that stops reading gets no further page read from storage; when it reads again, all arrive', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yam-hist-bp-'));
    const storage = new CountingStorage(new SqliteStorage(join(dataDir, 'yam.db')));
    storage.open();
    // Byte pacing out of the way: only the send buffer may hold pages back here.
    server = await startTestServer({
      dataDir,
      storage,
      limits: { historyBurstBytes: 1e9, ipHistoryBurstBytes: 1e9 },
    });
    const room = 'backpressure';
    const reader = await TestClient.authenticated(server.wsUrl);
    raws.push(reader);
    await admit(server.wsUrl, room, reader);
    await reader.request({ t: 'sub', rid: 1, room });
    await fill(reader, room, 4, MAX_PAYLOAD); // ~2 full pages of ~350 KB
    const socket = (reader.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    // Within the connection's frame burst (40) with the frames that joined and filled the room.
    const asked = 30;
    const before = storage.historyCalls;
    for (let rid = 100; rid < 100 + asked; rid++) {
      reader.send({ t: 'hist', rid, room, after: 0, limit: 200 });
    }
    // Let the server do all it will do while nobody reads: until storage reads stop growing.
    let last = -1;
    while (storage.historyCalls !== last) {
      last = storage.historyCalls;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const whilePaused = storage.historyCalls - before;
    expect(whilePaused).toBeGreaterThan(0);
    expect(whilePaused).toBeLessThan(asked);
    socket.resume();
    await waitFor(
      () => reader.frames.filter((f) => f.t === 'history').length === asked,
      'every page once reading resumes',
      30_000,
    );
    expect(storage.historyCalls - before).toBe(asked);
  }, 60_000);

  it('[P-HIST3] more waiting history requests than maxQueuedHistoryRequests is a flood: RATE_LIMITED', async () => {
    server = await startTestServer({ limits: { maxQueuedHistoryRequests: 3 } });
    const room = 'queue-cap';
    const reader = await TestClient.authenticated(server.wsUrl);
    raws.push(reader);
    await admit(server.wsUrl, room, reader);
    await reader.request({ t: 'sub', rid: 1, room });
    for (let rid = 10; rid < 20; rid++) reader.send({ t: 'hist', rid, room, after: 0 });
    const refused = await reader.next((f) => f.t === 'error');
    expect(refused.code).toBe('RATE_LIMITED');
  });

  it('[P-HIST3] every page stays within ready.limits.maxHistoryPageBytes and pages reach the end', async () => {
    server = await startTestServer();
    const room = 'big-pages';
    const reader = await TestClient.authenticated(server.wsUrl);
    raws.push(reader);
    await admit(server.wsUrl, room, reader);
    const cap = reader.ready.limits.maxHistoryPageBytes as number;
    expect(cap).toBe(512 * 1024);
    await reader.request({ t: 'sub', rid: 1, room });
    await fill(reader, room, 10, MAX_PAYLOAD);
    const pages: string[] = [];
    reader.ws.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('{"t":"history"')) pages.push(text);
    });
    let after = 0;
    const seen: number[] = [];
    for (let rid = 2; rid < 40; rid++) {
      reader.send({ t: 'hist', rid, room, after, limit: 200 });
      await waitFor(() => pages.length === rid - 1, `page ${rid - 1}`);
      const raw = pages.at(-1)!;
      const page = JSON.parse(raw);
      expect(page.t).toBe('history');
      expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(cap);
      expect(page.messages.length).toBeGreaterThan(0);
      for (const m of page.messages) seen.push(m.seq);
      after = page.messages.at(-1).seq;
      if (!page.hasMore) break;
    }
    // Seq 1 is the commit that admitted the reader; 2..11 the big messages.
    expect(seen).toEqual(oneTo(11));
  });

  it('[P-HIST3] a new SDK client catches up in a room of 128 KiB messages, and live messages follow', async () => {
    server = await startTestServer();
    const room = 'big-catch-up' as RoomId;
    const writer = await TestClient.authenticated(server.wsUrl);
    raws.push(writer);
    const reader = sdkClient(server.url);
    clients.push(reader);
    await admit(server.wsUrl, room, writer, reader.identity);
    await writer.request({ t: 'sub', rid: 1, room });
    await fill(writer, room, 12, MAX_PAYLOAD);
    await reader.client.join(room);
    reader.client.connect();
    await waitFor(() => seqsOf(reader.messages, room).length >= 12, 'the 12 big messages', 30_000);
    // A message published after the catch-up arrives live, not held back.
    await writer.request({ t: 'pub', rid: 2, room, cmid: 'live-000001', payload: 'bGl2ZQ' });
    await waitFor(() => seqsOf(reader.messages, room).length === 13, 'the live message');
    expect(seqsOf(reader.messages, room)).toEqual(afterAdmit(13));
    expect(reader.messages.slice(0, 12).every((m) => m.payload.byteLength === MAX_PAYLOAD)).toBe(
      true,
    );
    expect(reader.errors).toEqual([]);
  });

  it('[P-HIST3] [P-LIM4] a history flood from one IP does not cut off other clients of that IP', async () => {
    // The default per-IP frame rate (100/s), with a small burst so a minute's effect shows in seconds.
    server = await startTestServer({ limits: { ipBurst: 20 } });
    const room = 'flooded' as RoomId;
    const writer = await TestClient.authenticated(server.wsUrl);
    raws.push(writer);
    const alice = sdkClient(server.url);
    const bob = sdkClient(server.url);
    clients.push(alice, bob);
    const flooders = await Promise.all(oneTo(5).map(() => rawFlooder(server!.wsUrl)));
    raws.push(...flooders);
    await admit(server.wsUrl, room, writer, ...flooders.map((f) => f.identity));
    await admitAll(server.wsUrl, room, alice, bob);
    for (const t of [alice, bob]) {
      await t.client.join(room);
      t.client.connect();
    }
    await waitFor(
      () => [alice, bob].every((t) => t.client.state === 'online'),
      'alice and bob online',
    );
    // Online first, so they get the big messages live: only the flood is under test here.
    await writer.request({ t: 'sub', rid: 1, room });
    // Paced (under its share of the IP's small burst), so the writer is never the busy one.
    await fill(writer, room, 20, MAX_PAYLOAD, 150);
    await waitFor(() => seqsOf(bob.messages, room).length >= 20, 'bob has the 20 big ones');
    const base = seqsOf(bob.messages, room).at(-1) ?? 0;
    // Each flooder stays under its own frame limit (20/s): 18 full pages a second, 90 in all.
    for (const f of flooders) f.flood(room, 18);
    // Alice chats briskly (about 6 messages a second), well under her share of the IP.
    for (const i of oneTo(30)) {
      await alice.client.send(room, text(`during-flood-${i}`));
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await waitFor(() => alice.acks.length === 30, 'alice’s 30 acks', 30_000);
    await waitFor(
      () => seqsOf(bob.messages, room).filter((s) => s > base).length === 30,
      'bob got the 30 messages',
      30_000,
    );
    for (const f of flooders) f.stop();
    const codes = [...alice.errors, ...bob.errors].map((e) => e.code);
    expect(codes).toEqual([]);
    expect(flooders.reduce((n, f) => n + f.pages, 0)).toBeGreaterThan(0);
  }, 90_000);
});

/** A raw connection that asks for full history pages at a steady rate and reads without parsing. */
async function rawFlooder(wsUrl: string) {
  const { createIdentity } = await import('@yam/crypto');
  const identity = createIdentity();
  const ws = new WebSocket(wsUrl, ['yam.v1']);
  const state = { pages: 0, timer: undefined as NodeJS.Timeout | undefined };
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('{"t":"challenge"')) {
        const challenge = JSON.parse(text);
        ws.send(JSON.stringify(authFrame(identity, challenge.origin, challenge.nonce)));
      } else if (text.startsWith('{"t":"ready"')) {
        resolve();
      } else if (text.startsWith('{"t":"history"')) {
        state.pages++;
      }
    });
  });
  let rid = 1;
  return {
    clientId: identity.clientId,
    identity,
    get pages() {
      return state.pages;
    },
    flood(room: string, perSec: number) {
      ws.send(JSON.stringify({ t: 'sub', rid: rid++, room }));
      state.timer = setInterval(() => {
        if (ws.readyState !== ws.OPEN) return;
        ws.send(JSON.stringify({ t: 'hist', rid: rid++, room, after: 0, limit: 200 }));
      }, 1000 / perSec);
    },
    stop() {
      clearInterval(state.timer);
    },
    close() {
      clearInterval(state.timer);
      ws.terminate();
    },
  };
}

/** Real storage that counts history reads. */
class CountingStorage extends GatedStorage {
  historyCalls = 0;
  override history(room: string, query: HistoryQuery): Promise<HistoryPage> {
    this.historyCalls++;
    return super.history(room, query);
  }
}
