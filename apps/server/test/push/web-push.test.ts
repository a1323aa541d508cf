import { statSync } from 'node:fs';
import { join } from 'node:path';
import { encodeContent, inviteLink, MemorySecretStore, MemoryStore, YamRooms } from '@yam/client';
import { createIdentity } from '@yam/crypto';
import { JoinPush, MessagePush, type RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../integration/sdk-harness.ts';
import { pebbleSkipReason } from '../tls/pebble.ts';
import { browserKeys, TestPushEndpoint } from './push-endpoint.ts';

// openssl makes the push endpoint's certificate; pebble's skip reason covers it.
const skip = pebbleSkipReason();
const room = 'push-room' as RoomId;
let server: TestServer | undefined;
let endpoint: TestPushEndpoint | undefined;
const open = new Set<YamRooms>();

afterEach(async () => {
  await Promise.all([...open].map((r) => r.close()));
  open.clear();
  await server?.stop();
  await endpoint?.close();
  server = undefined;
  endpoint = undefined;
});

async function setup(throttleMs = 50) {
  endpoint = await TestPushEndpoint.start();
  const statuses: number[] = [];
  server = await startTestServer({
    push: {
      allowedHosts: ['127.0.0.1'],
      sender: { agent: endpoint.agent, throttleMs, onSent: (_e, status) => statuses.push(status) },
    },
  });
  return { endpoint, statuses };
}

async function device() {
  const rooms = new YamRooms({
    server: server!.url,
    identity: createIdentity(),
    store: new MemoryStore(),
    secrets: new MemorySecretStore(),
    backoff: { minMs: 200, maxMs: 200 },
    keyPackageTarget: 2,
  });
  open.add(rooms);
  await rooms.start();
  await waitFor(() => rooms.status.state === 'online', 'online');
  return rooms;
}

/** Alice creates the room, Bob joins by invite. */
async function twoMembers() {
  const alice = await device();
  const bob = await device();
  await alice.enter(room);
  const link = inviteLink(`${server!.url}/?room=${room}`, await alice.joins.invite(room));
  expect(await bob.enter(room, { invite: link, timeoutMs: 15_000 })).toBe('joined');
  return { alice, bob };
}

const say = (text: string) =>
  encodeContent({ type: 'text', text, name: 'Alice', sentAt: Date.now() });

describe.skipIf(skip !== undefined)('Web Push', () => {
  it('[P-PUSH1] makes VAPID keys at first start, kept 0600, served to members', async () => {
    await setup();
    const file = join(server!.dataDir, 'vapid.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const alice = await device();
    const key = await alice.push.serverKey();
    expect(Buffer.from(key, 'base64url')).toHaveLength(65);
  });

  it('[P-PUSH3] pushes the MLS ciphertext, RFC 8291-encrypted, with no plaintext anywhere', async () => {
    const { endpoint } = await setup();
    const { alice, bob } = await twoMembers();
    const keys = browserKeys();
    const path = '/push/bob';
    expect(await bob.push.subscribe({ endpoint: endpoint.url(path), ...keys }, [room])).toBe(1);
    // Bob closes the app: pushes go to clients that are not connected to the room.
    open.delete(bob);
    await bob.close();

    const canary = `CANARY-${Math.random().toString(36).slice(2)}`;
    const pushed = endpoint.next(path);
    const receipt = await alice.send(room, say(`meet at 8 ${canary}`));
    const ack = await receipt.acked;
    const ackedAt = performance.now();
    const push = await pushed;
    // A figure for the notes, not an assertion: stored (acked) to the push service's inbox.
    console.log(`push: ack to push endpoint ${Math.round(performance.now() - ackedAt)} ms`);

    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(String(push.headers.authorization)).toMatch(/^vapid t=.+, k=.+/);
    expect(push.headers.ttl).toBe('86400');
    expect(push.body.includes(canary)).toBe(false);
    const plain = keys.decrypt(push.body);
    // The push layer hides nothing secret: its plaintext holds no message text either.
    expect(plain.includes(canary)).toBe(false);
    const payload = MessagePush.parse(JSON.parse(plain.toString('utf8')));
    expect(payload).toMatchObject({ v: 1, k: 'msg', room, seq: ack.seq, from: alice.clientId });
    expect(payload.c).toBeDefined();
    expect(Buffer.from(payload.c!, 'base64url').includes(canary)).toBe(false);
  });

  it('[P-PUSH2] a member removed from the room gets no more pushes from it', async () => {
    const { endpoint } = await setup();
    const { alice, bob } = await twoMembers();
    const keys = browserKeys();
    const path = '/push/removed';
    await bob.push.subscribe({ endpoint: endpoint.url(path), ...keys }, [room]);
    open.delete(bob);
    await bob.close();
    await alice.removeMember(room, bob.clientId);
    // A message after the removal: Bob is out of the roster, so nothing goes to his endpoint.
    const first = endpoint.received.length;
    await (await alice.send(room, say('after the removal'))).acked;
    // The control: a subscriber still in the room does get this kind of push.
    const carol = await device();
    const link = inviteLink(`${server!.url}/?room=${room}`, await alice.joins.invite(room));
    expect(await carol.enter(room, { invite: link, timeoutMs: 15_000 })).toBe('joined');
    await carol.push.subscribe({ endpoint: endpoint.url('/push/carol'), ...browserKeys() }, [room]);
    open.delete(carol);
    await carol.close();
    const carolPushed = endpoint.next('/push/carol');
    await (await alice.send(room, say('for carol'))).acked;
    await carolPushed;
    expect(endpoint.received.slice(first).map((p) => p.path)).toEqual(['/push/carol']);
  });

  it('[P-PUSH6] a join request wakes the members, once a minute per room, with nothing but the room', async () => {
    const { endpoint } = await setup();
    const alice = await device();
    await alice.enter(room);
    const keys = browserKeys();
    const path = '/push/alice-joins';
    await alice.push.subscribe({ endpoint: endpoint.url(path), ...keys }, [room]);
    open.delete(alice);
    await alice.close();
    const pushed = endpoint.next(path);
    const stranger = await device();
    void stranger.enter(room, { timeoutMs: 60_000 }).catch(() => undefined);
    const push = await pushed;
    const payload = JoinPush.parse(JSON.parse(keys.decrypt(push.body).toString('utf8')));
    expect(payload).toMatchObject({ v: 1, k: 'join', room });
    expect(Object.keys(payload).sort()).toEqual(['k', 'room', 'ts', 'v']);
    // More strangers within the minute: still that one push.
    const more = await device();
    void more.enter(room, { timeoutMs: 60_000 }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 800));
    expect(endpoint.received.filter((p) => p.path === path)).toHaveLength(1);
  });

  it('[P-PUSH2] a stranger cannot subscribe to a room it is not a member of', async () => {
    const { endpoint } = await setup();
    await twoMembers();
    const stranger = await device();
    const keys = browserKeys();
    await expect(
      stranger.push.subscribe({ endpoint: endpoint.url('/push/stranger'), ...keys }, [room]),
    ).rejects.toMatchObject({ code: 'NOT_MEMBER' });
  });

  it('[P-PUSH2] only push service hosts: an endpoint inside the network is refused', async () => {
    endpoint = await TestPushEndpoint.start();
    // Default hosts: the browsers' push services only.
    server = await startTestServer();
    const alice = await device();
    await alice.enter(room);
    const keys = browserKeys();
    for (const url of [endpoint.url('/x'), 'https://10.0.0.1/x', 'http://fcm.googleapis.com/x']) {
      await expect(alice.push.subscribe({ endpoint: url, ...keys }, [room])).rejects.toMatchObject({
        code: 'NOT_ALLOWED',
      });
    }
    expect(
      await alice.push.subscribe({ endpoint: 'https://fcm.googleapis.com/fcm/send/abc', ...keys }, [
        room,
      ]),
    ).toBe(1);
  });

  it('[P-PUSH2] caps subscriptions per client', async () => {
    const { endpoint } = await setup();
    const alice = await device();
    await alice.enter(room);
    const keys = browserKeys();
    for (let i = 0; i < 10; i++) {
      await alice.push.subscribe({ endpoint: endpoint.url(`/d${i}`), ...keys }, [room]);
    }
    // Replacing a known endpoint is fine; an eleventh is not.
    await alice.push.subscribe({ endpoint: endpoint.url('/d0'), ...keys }, [room]);
    await expect(
      alice.push.subscribe({ endpoint: endpoint.url('/d10'), ...keys }, [room]),
    ).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
  });

  it('[P-PUSH4] [P-PUSH5] collapses a burst per room, and drops a subscription answered 410', async () => {
    const { endpoint, statuses } = await setup(400);
    const { alice, bob } = await twoMembers();
    const keys = browserKeys();
    const path = '/push/bob-gone';
    await bob.push.subscribe({ endpoint: endpoint.url(path), ...keys }, [room]);
    open.delete(bob);
    await bob.close();

    for (let i = 0; i < 5; i++) await (await alice.send(room, say(`burst ${i}`))).acked;
    await waitFor(() => endpoint.received.length >= 2, 'the first push and the collapsed one');
    await new Promise((r) => setTimeout(r, 600));
    // One at once, then one for the four that came within the window: the newest.
    expect(endpoint.received.filter((p) => p.path === path)).toHaveLength(2);
    const last = MessagePush.parse(
      JSON.parse(keys.decrypt(endpoint.received.at(-1)!.body).toString('utf8')),
    );
    expect(last.seq).toBe(Math.max(...endpoint.received.map((p) => seqOf(keys, p.body))));

    endpoint.answer(path, 410);
    await new Promise((r) => setTimeout(r, 500));
    await (await alice.send(room, say('into the void'))).acked;
    await waitFor(() => statuses.includes(410), 'the 410');
    const before = endpoint.received.length;
    await new Promise((r) => setTimeout(r, 500));
    await (await alice.send(room, say('nobody there'))).acked;
    await new Promise((r) => setTimeout(r, 300));
    expect(endpoint.received.length).toBe(before);
  });
});

function seqOf(keys: ReturnType<typeof browserKeys>, body: Buffer): number {
  return MessagePush.parse(JSON.parse(keys.decrypt(body).toString('utf8'))).seq;
}
