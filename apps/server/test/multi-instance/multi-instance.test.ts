import {
  type AckInfo,
  MemorySecretStore,
  MemoryStore,
  type OpenedMessage,
  type PendingJoin,
  type PresenceInfo,
  type SignalInfo,
  type TypingInfo,
  YamRooms,
} from '@yam/client';
import { createIdentity, type DeviceIdentity } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PostgresOptions } from '../../src/storage/postgres/postgres-start-error.ts';
import { redisSkipReason } from '../helpers/test-redis.ts';
import { text, untext, waitFor, waitUntil } from '../integration/sdk-harness.ts';
import { PG_TEST_URL, pgAvailable, pgTestSchemas } from '../postgres/pg-test-place.ts';
import { type Cluster, startCluster } from './cluster-harness.ts';
import { SwitchProxy } from './switch-proxy.ts';

const skip = await redisSkipReason('the multi-instance tests');
const pgOk = skip === undefined && (await pgAvailable());
const schemas = pgTestSchemas();
/** Set while the PostgreSQL round runs: every instance then stores there. */
let place: PostgresOptions | undefined;

let cluster: Cluster | undefined;
let proxy: SwitchProxy | undefined;
const open = new Set<YamRooms>();

afterEach(async () => {
  const all = [...open];
  open.clear();
  await Promise.all(all.map((r) => r.close()));
  await cluster?.stop();
  await proxy?.close();
  cluster = undefined;
  proxy = undefined;
});

type Kept = { identity: DeviceIdentity; store: MemoryStore; secrets: MemorySecretStore };

/** A YamRooms behind the load balancer, on whichever instance it routes to now. */
async function device(kept: Kept = fresh()) {
  const rooms = new YamRooms({
    server: proxy!.url,
    identity: kept.identity,
    store: kept.store,
    secrets: kept.secrets,
    backoff: { minMs: 50, maxMs: 200 },
    keyPackageTarget: 2,
  });
  const seen = {
    opened: [] as OpenedMessage[],
    requests: [] as PendingJoin[],
    acks: [] as AckInfo[],
    presence: [] as PresenceInfo[],
    typing: [] as TypingInfo[],
    signals: [] as SignalInfo[],
    joined: [] as RoomId[],
  };
  rooms.on('message', (m) => seen.opened.push(m));
  rooms.on('joinRequest', (r) => seen.requests.push(r));
  rooms.on('ack', (a) => seen.acks.push(a));
  rooms.on('presence', (p) => seen.presence.push(p));
  rooms.on('typing', (t) => seen.typing.push(t));
  rooms.on('roomJoined', (j) => seen.joined.push(j.room));
  rooms.rtc.on('signal', (s) => seen.signals.push(s));
  open.add(rooms);
  await rooms.start();
  await waitFor(() => rooms.status.state === 'online', 'online');
  /** Texts of messages opened in `room`, sent by `from`. */
  const textsFrom = (room: RoomId, from: YamRooms) =>
    seen.opened
      .filter((m) => m.room === room && m.from === from.clientId && m.body)
      .map((m) => untext(m.body!));
  return { rooms, seen, kept, textsFrom };
}

function fresh(): Kept {
  return {
    identity: createIdentity(),
    store: new MemoryStore(),
    secrets: new MemorySecretStore(),
  };
}

/** Two servers on one storage and the real Redis, behind one load balancer address. */
async function twoInstances() {
  proxy = await SwitchProxy.start();
  cluster = await startCluster(2, {
    publicUrl: proxy.url,
    limits: { presenceGraceMs: 0 },
    ...(place ? { postgres: place } : {}),
  });
  return cluster.servers as [Cluster['servers'][0], Cluster['servers'][0]];
}

/** A on instance 1 creates `room`; B on instance 2 asks to join, A accepts: all across. */
async function pairAcross(room: RoomId) {
  const [s1, s2] = await twoInstances();
  proxy!.target = s1.port;
  const a = await device();
  proxy!.target = s2.port;
  const b = await device();
  expect(await a.rooms.enter(room)).toBe('created');
  const entering = b.rooms.enter(room, { timeoutMs: 20_000 });
  // The join request reaches A on the other instance through the room's topic.
  await waitFor(() => a.seen.requests.some((r) => r.from === b.rooms.clientId), 'join request');
  const request = a.seen.requests.find((r) => r.from === b.rooms.clientId)!;
  await a.rooms.joins.accept(room, request.id);
  // The Welcome reaches B on its instance through its client channel.
  expect(await entering).toBe('joined');
  return { s1, s2, a, b };
}

describe.skipIf(skip !== undefined)('several instances on one Redis (shared SQLite)', () => {
  crossInstanceTests();
});

describe.skipIf(!pgOk)('several instances on one PostgreSQL and one Redis', () => {
  beforeEach(() => {
    place = { url: PG_TEST_URL, schema: schemas() };
  });
  afterEach(() => {
    place = undefined;
  });
  crossInstanceTests();
});

/** What must cross instances, whatever they store in. */
function crossInstanceTests() {
  it('a join, messages both ways, presence, typing and signalling all cross instances', async () => {
    const room = `mi-${Date.now()}` as RoomId;
    const { a, b } = await pairAcross(room);

    await waitFor(
      () =>
        a.rooms.presence.online(room).includes(b.rooms.clientId) &&
        b.rooms.presence.online(room).includes(a.rooms.clientId),
      'each sees the other online',
    );

    a.rooms.presence.setTyping(room, true);
    await waitFor(
      () => b.seen.typing.some((t) => t.clientId === a.rooms.clientId && t.active),
      'B sees A typing',
    );

    const sent = { a: [] as string[], b: [] as string[] };
    for (let i = 0; i < 15; i++) {
      sent.a.push(`a${i}`);
      sent.b.push(`b${i}`);
      await Promise.all([a.rooms.send(room, text(`a${i}`)), b.rooms.send(room, text(`b${i}`))]);
    }
    await waitFor(
      () => b.textsFrom(room, a.rooms).length >= 15 && a.textsFrom(room, b.rooms).length >= 15,
      'every message on the other instance',
    );
    // Nothing lost, nothing twice, in order.
    expect(b.textsFrom(room, a.rooms)).toEqual(sent.a);
    expect(a.textsFrom(room, b.rooms)).toEqual(sent.b);

    // File-transfer signalling: only to a client online in the room, wherever it is.
    expect(a.rooms.rtc.signal(room, b.rooms.clientId, text('offer'))).toBe(true);
    await waitFor(() => b.seen.signals.length === 1, 'B gets the signal');
    expect(b.seen.signals[0]).toMatchObject({ room, from: a.rooms.clientId });
    expect(untext(b.seen.signals[0]!.data)).toBe('offer');
    expect(b.rooms.rtc.signal(room, a.rooms.clientId, text('answer'))).toBe(true);
    await waitFor(() => a.seen.signals.length === 1, 'A gets the answer');
  });

  it('a DM opened on one instance reaches its partner on the other', async () => {
    const [s1, s2] = await twoInstances();
    proxy!.target = s1.port;
    const a = await device();
    proxy!.target = s2.port;
    const b = await device();
    // B's KeyPackages reach the storage shortly after it is online: until then, NOT_FOUND.
    let dm: RoomId | undefined;
    await waitUntil(async () => {
      dm = await a.rooms.openDm(b.rooms.clientId).catch(() => undefined);
      return dm !== undefined;
    }, 'A opens the DM');
    if (!dm) throw new Error('no DM');
    await waitFor(() => b.seen.joined.includes(dm!), 'B gets the DM');
    await a.rooms.send(dm, text('psst'));
    await waitFor(() => b.textsFrom(dm!, a.rooms).includes('psst'), 'B reads the DM');
    await b.rooms.send(dm, text('hi back'));
    await waitFor(() => a.textsFrom(dm!, b.rooms).includes('hi back'), 'A reads the answer');
  });

  it('an instance going away: its clients reconnect to the other and no acked message is lost', async () => {
    const room = `mi-fail-${Date.now()}` as RoomId;
    const { s1, s2, a, b } = await pairAcross(room);
    const acked: string[] = [];
    let sending = true;
    const writer = (async () => {
      for (let i = 0; sending && i < 200; i++) {
        const receipt = await a.rooms.send(room, text(`m${i}`));
        void receipt.acked.then(() => acked.push(`m${i}`)).catch(() => {});
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await waitFor(() => acked.length >= 5, 'some messages acked before the failure');
    // The load balancer now sends everyone to instance 2; instance 1 drops dead.
    proxy!.target = s2.port;
    proxy!.cut(s1.port);
    await s1.stop();
    await waitFor(() => acked.length >= 20, 'messages acked after the failover');
    sending = false;
    await writer;
    await waitFor(() => a.seen.acks.length >= acked.length, 'all acks in');
    await waitFor(
      () => acked.every((m) => b.textsFrom(room, a.rooms).includes(m)),
      'every acked message reaches B',
    );
    const got = b.textsFrom(room, a.rooms);
    expect(new Set(got).size).toBe(got.length);
    // And B sees A online again, now on the same instance.
    await waitFor(() => b.rooms.presence.online(room).includes(a.rooms.clientId), 'A online');
  });

  it('a password join runs between a requester and a member on different instances', async () => {
    const room = `mi-pw-${Date.now()}` as RoomId;
    const [s1, s2] = await twoInstances();
    proxy!.target = s1.port;
    const a = await device();
    proxy!.target = s2.port;
    const b = await device();
    const c = await device();
    expect(await a.rooms.enter(room, { password: 'open sesame' })).toBe('created');
    await expect(
      c.rooms.enter(room, { password: 'open barley', timeoutMs: 20_000 }),
    ).rejects.toMatchObject({ code: 'PASSWORD_WRONG' });
    expect(await b.rooms.enter(room, { password: 'open sesame', timeoutMs: 20_000 })).toBe(
      'joined',
    );
  });
}
