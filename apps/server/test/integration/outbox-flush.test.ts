import {
  decodeContent,
  encodeContent,
  flushOutbox,
  inviteLink,
  MemorySecretStore,
  MemoryStore,
  YamRooms,
} from '@yam/client';
import { createIdentity, type DeviceIdentity } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { controlledWebSocket, waitFor } from './sdk-harness.ts';

const room = 'flush-room' as RoomId;
let server: TestServer | undefined;
const open = new Set<YamRooms>();

afterEach(async () => {
  await Promise.all([...open].map((r) => r.close()));
  open.clear();
  await server?.stop();
  server = undefined;
});

function device(identity: DeviceIdentity, store: MemoryStore, WS?: typeof WebSocket) {
  const rooms = new YamRooms({
    server: server!.url,
    identity,
    store,
    secrets: new MemorySecretStore(),
    backoff: { minMs: 50, maxMs: 100 },
    keyPackageTarget: 2,
    ...(WS ? { WebSocket: WS } : {}),
  });
  open.add(rooms);
  return rooms;
}

/** Alice writes while the server is unreachable, then closes the app: one item stays queued. */
async function queuedWhileOffline() {
  server = await startTestServer();
  const net = controlledWebSocket();
  const aliceId = createIdentity();
  const aliceStore = new MemoryStore();
  const alice = device(aliceId, aliceStore, net.WebSocket);
  const bob = device(createIdentity(), new MemoryStore());
  await Promise.all([alice.start(), bob.start()]);
  await alice.enter(room);
  const link = inviteLink(`${server.url}/?room=${room}`, await alice.joins.invite(room));
  expect(await bob.enter(room, { invite: link, timeoutMs: 15_000 })).toBe('joined');
  const texts: string[] = [];
  bob.on('message', (m) => {
    const content = m.body ? decodeContent(m.body) : undefined;
    if (content?.type === 'text') texts.push(content.text);
  });
  net.block(true);
  net.kill();
  await waitFor(() => alice.status.state !== 'online', 'alice offline');
  const body = encodeContent({ type: 'text', text: 'written offline', sentAt: Date.now() });
  const receipt = await alice.send(room, body);
  receipt.acked.catch(() => undefined);
  open.delete(alice);
  await alice.close();
  expect(await aliceStore.outboxList()).toHaveLength(1);
  return { aliceId, aliceStore, texts };
}

describe('flushOutbox (Background Sync without a tab)', () => {
  it('[P-MSG4] a non-member identity sends nothing from a copied outbox', async () => {
    const { aliceStore, texts } = await queuedWhileOffline();
    const result = await flushOutbox({
      server: server!.url,
      identity: createIdentity(),
      store: aliceStore,
    });
    expect(result).toEqual({ sent: 0, left: 1 });
    expect(await aliceStore.outboxList()).toHaveLength(1);
    expect(texts).toEqual([]);
  });

  it('[P-MSG4] sends the queued ciphertext once, removes it on the ack; a resend is no duplicate', async () => {
    const { aliceId, aliceStore, texts } = await queuedWhileOffline();
    const [item] = await aliceStore.outboxList();
    expect(
      await flushOutbox({ server: server!.url, identity: aliceId, store: aliceStore }),
    ).toEqual({ sent: 1, left: 0 });
    expect(await aliceStore.outboxList()).toEqual([]);
    await waitFor(() => texts.length === 1, 'bob reads it');
    // The tab, reopened, still held the item in memory and sends it again: same cmid.
    await aliceStore.outboxPut(item!);
    expect(
      await flushOutbox({ server: server!.url, identity: aliceId, store: aliceStore }),
    ).toEqual({ sent: 1, left: 0 });
    const bob = [...open][0]!;
    const page = await bob.history.page(room, { before: Number.MAX_SAFE_INTEGER });
    expect(page.messages.filter((m) => m.cmid === item!.cmid)).toHaveLength(1);
    expect(texts).toEqual(['written offline']);
  });
});
