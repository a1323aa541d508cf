import {
  type AckInfo,
  type ConnectionStatus,
  inviteLink,
  MemorySecretStore,
  MemoryStore,
  messageKind,
  type OpenedMessage,
  type PendingJoin,
  type RawMessage,
  YamRooms,
} from '@yam/client';
import { createIdentity, type DeviceIdentity } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { text, untext, waitFor } from './sdk-harness.ts';

let server: TestServer | undefined;
const open = new Set<YamRooms>();
const room = 'facade-room' as RoomId;

afterEach(async () => {
  const all = [...open];
  open.clear();
  await Promise.all(all.map((r) => r.close()));
  await server?.stop();
  server = undefined;
});

/** A started YamRooms on the test server, recording what apps see. */
async function device(
  kept: { identity: DeviceIdentity; store: MemoryStore; secrets: MemorySecretStore } = {
    identity: createIdentity(),
    store: new MemoryStore(),
    secrets: new MemorySecretStore(),
  },
  /** Listens before start() (events of the first catch-up). */
  early?: (rooms: YamRooms, texts: () => string[]) => void,
) {
  const { store } = kept;
  const rooms = new YamRooms({
    server: server!.url,
    identity: kept.identity,
    store,
    secrets: kept.secrets,
    backoff: { minMs: 200, maxMs: 200 },
    keyPackageTarget: 2,
  });
  const seen = {
    opened: [] as OpenedMessage[],
    received: [] as RawMessage[],
    requests: [] as PendingJoin[],
    acks: [] as AckInfo[],
    statuses: [] as ConnectionStatus[],
    removed: [] as string[],
  };
  rooms.on('message', (m) => seen.opened.push(m));
  rooms.on('received', (m) => seen.received.push(m));
  rooms.on('joinRequest', (r) => seen.requests.push(r));
  rooms.on('ack', (a) => seen.acks.push(a));
  rooms.on('status', (s) => seen.statuses.push(s));
  rooms.on('removed', (r) => seen.removed.push(r.room));
  open.add(rooms);
  const texts = () => seen.opened.filter((m) => m.body).map((m) => untext(m.body!));
  early?.(rooms, texts);
  await rooms.start();
  await waitFor(() => rooms.status.state === 'online', 'online');
  const requestFrom = (other: YamRooms) =>
    waitFor(() => seen.requests.some((r) => r.from === other.clientId), 'a join request').then(
      () => seen.requests.find((r) => r.from === other.clientId)!,
    );
  return { rooms, store, seen, texts, requestFrom, kept };
}

const roomUrl = () => `${server!.url}/?room=${room}`;

/** A test server and two devices in `room`: A created it, B joined with A's invite. */
async function twoMembers() {
  server = await startTestServer();
  const a = await device();
  const b = await device();
  await a.rooms.enter(room);
  await b.rooms.enter(room, { invite: await a.rooms.joins.invite(room), timeoutMs: 15_000 });
  return { a, b };
}

/** Closes a device before the test ends (its stores can start it again). */
async function closeDevice(rooms: YamRooms) {
  open.delete(rooms);
  await rooms.close();
}

describe('YamRooms.enter: one membership policy, typed outcomes', () => {
  it('creates a new room, is a member after, and joins with an invite link without asking anyone', async () => {
    server = await startTestServer();
    const a = await device();
    const b = await device();
    expect(await a.rooms.enter(room)).toBe('created');
    expect(await a.rooms.enter(room)).toBe('member');
    const link = inviteLink(roomUrl(), await a.rooms.joins.invite(room));
    let waited = false;
    const outcome = await b.rooms.enter(room, {
      invite: link,
      name: 'Bee',
      timeoutMs: 15_000,
      onWaiting: () => {
        waited = true;
      },
    });
    expect(outcome).toBe('joined');
    expect(waited).toBe(true);
    expect(a.seen.requests).toEqual([]);
    expect(await b.rooms.membership(room)).toBe('member');
  });

  it('takes the invite as the bare URL fragment too (what the web stores)', async () => {
    server = await startTestServer();
    const a = await device();
    const b = await device();
    await a.rooms.enter(room);
    const fragment = inviteLink(roomUrl(), await a.rooms.joins.invite(room)).split('#')[1]!;
    expect(fragment).toMatch(/^invite=/);
    expect(await b.rooms.enter(room, { invite: fragment, timeoutMs: 15_000 })).toBe('joined');
    // Both read the same member keys from the group (what safety numbers are made of).
    const keys = await b.rooms.memberKeys(room);
    expect(keys.map((m) => m.clientId).sort()).toEqual([a.rooms.clientId, b.rooms.clientId].sort());
    expect(await a.rooms.memberKeys(room)).toEqual(keys);
  });

  it('asks the members when the room exists and joins once one accepts', async () => {
    server = await startTestServer();
    const a = await device();
    const b = await device();
    await a.rooms.enter(room);
    let waited = false;
    const entering = b.rooms.enter(room, {
      onWaiting: () => {
        waited = true;
      },
    });
    const request = await a.requestFrom(b.rooms);
    expect(waited).toBe(true);
    expect(request.invite).toBe('none');
    await a.rooms.joins.accept(room, request.id);
    expect(await entering).toBe('joined');
  });

  it('JOIN_REFUSED when a member refuses; INVITE_INVALID when the invite was used up and refused', async () => {
    server = await startTestServer();
    const a = await device();
    const b = await device();
    const c = await device();
    await a.rooms.enter(room);
    const refused = b.rooms.enter(room);
    await a.rooms.joins.refuse(room, (await a.requestFrom(b.rooms)).id);
    await expect(refused).rejects.toMatchObject({ code: 'JOIN_REFUSED' });

    const key = await a.rooms.joins.invite(room);
    const d = await device();
    await d.rooms.enter(room, { invite: key, timeoutMs: 15_000 });
    const reused = c.rooms.enter(room, { invite: key });
    const request = await a.requestFrom(c.rooms);
    expect(request.invite).toBe('invalid');
    await a.rooms.joins.refuse(room, request.id);
    await expect(reused).rejects.toMatchObject({ code: 'INVITE_INVALID' });
    expect(await c.rooms.membership(room)).toBe('none');
  });

  it('PASSWORD_WRONG for a wrong room password; the right one gets in without anyone clicking', async () => {
    server = await startTestServer();
    const a = await device();
    const b = await device();
    expect(await a.rooms.enter(room, { password: 'open sesame' })).toBe('created');
    await expect(
      b.rooms.enter(room, { password: 'open barley', timeoutMs: 20_000 }),
    ).rejects.toMatchObject({ code: 'PASSWORD_WRONG' });
    expect(await b.rooms.enter(room, { password: 'open sesame', timeoutMs: 20_000 })).toBe(
      'joined',
    );
    expect(a.seen.requests).toEqual([]);
  });

  it('JOIN_TIMEOUT when no member lets the device in within timeoutMs', async () => {
    server = await startTestServer();
    const a = await device();
    const b = await device();
    await a.rooms.enter(room);
    await expect(b.rooms.enter(room, { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'JOIN_TIMEOUT',
    });
  });

  it('REMOVED for a device a member removed', async () => {
    const { a, b } = await twoMembers();
    await a.rooms.removeMember(room, b.rooms.clientId);
    await waitFor(() => b.seen.removed.includes(room), 'B learns it was removed');
    await expect(b.rooms.enter(room)).rejects.toMatchObject({ code: 'REMOVED' });
  });

  it('[P-MEM4] REMOVED for a device removed while it was away: the server refuses it the room on return', async () => {
    const { a, b } = await twoMembers();
    await closeDevice(b.rooms);
    await a.rooms.removeMember(room, b.rooms.clientId);
    // Same device, back: its group says member, the server's roster says not.
    const back = await device(b.kept);
    await waitFor(() => back.seen.removed.includes(room), 'B learns it was removed');
    expect(await back.rooms.membership(room)).toBe('removed');
    await expect(back.rooms.enter(room)).rejects.toMatchObject({ code: 'REMOVED' });
  });
});

describe('YamRooms.send: receipts', () => {
  it('resolves once queued; `acked` settles with the server seq, and the peer reads it', async () => {
    const { a, b } = await twoMembers();
    const receipt = await a.rooms.send(room, text('hello B'));
    expect(receipt.room).toBe(room);
    const ack = await receipt.acked;
    expect(ack).toMatchObject({ room, cmid: receipt.cmid });
    expect(ack.seq).toBeGreaterThan(0);
    await waitFor(() => b.texts().includes('hello B'), 'B reads A');
    expect(b.seen.opened.find((m) => m.cmid === receipt.cmid)?.seq).toBe(ack.seq);
  });

  it('an ack that arrived before the caller looked at the receipt is not missed', async () => {
    server = await startTestServer();
    const a = await device();
    await a.rooms.enter(room);
    const receipt = await a.rooms.send(room, text('early'));
    await waitFor(() => a.seen.acks.some((x) => x.cmid === receipt.cmid), 'the ack event');
    await expect(receipt.acked).resolves.toMatchObject({ cmid: receipt.cmid });
  });

  it('a message queued while the server is down: the status says when it retries; close rejects the receipt', async () => {
    server = await startTestServer();
    const a = await device();
    await a.rooms.enter(room);
    await server.stop();
    server = undefined;
    await waitFor(() => a.rooms.status.state === 'offline', 'offline');
    const offline = a.seen.statuses.find((s) => s.state === 'offline')!;
    expect(offline.retryAt).toBeGreaterThan(Date.now() - 1_000);
    expect(offline.retryAt).toBeLessThanOrEqual(Date.now() + 200);
    expect(a.seen.statuses.filter((s) => s.state !== 'offline').every((s) => !s.retryAt)).toBe(
      true,
    );
    const receipt = await a.rooms.send(room, text('stuck in the outbox'));
    const settled = receipt.acked.then(
      () => 'acked',
      (error: unknown) => error,
    );
    await closeDevice(a.rooms);
    expect(await settled).toMatchObject({ message: 'the client is closed' });
    expect(a.rooms.status).toEqual({ state: 'closed' });
  });
});

describe('YamRooms message kinds', () => {
  it('raw messages say message, control or commit; open() shows only messages', async () => {
    server = await startTestServer();
    const a = await device();
    const b = await device();
    // A password room: admitting B sends the password key as a control message.
    await a.rooms.enter(room, { password: 'pw' });
    await b.rooms.enter(room, { password: 'pw', timeoutMs: 20_000 });
    const { cmid } = await a.rooms.send(room, text('shown'));
    await waitFor(() => b.texts().includes('shown'), 'B reads A');
    const page = await b.rooms.history.page(room, { before: 1_000, limit: 100 });
    const kinds = new Set(page.messages.map((m) => m.kind));
    expect(kinds).toEqual(new Set(['commit', 'control', 'message']));
    for (const m of page.messages) {
      expect(m.kind === 'control').toBe(m.cmid.startsWith('ctl-'));
      expect(m.kind === 'commit').toBe(m.epoch !== undefined);
      const opened = await b.rooms.open(m);
      expect(opened !== undefined).toBe(m.kind === 'message');
    }
    expect(page.messages.find((m) => m.cmid === cmid)?.kind).toBe('message');
    // Live events and the store agree.
    await waitFor(() => b.seen.received.some((m) => m.cmid === cmid), 'received event');
    expect(b.seen.received.find((m) => m.cmid === cmid)?.kind).toBe('message');
    const stored = await b.rooms.history.stored(room, { limit: 100 });
    expect(stored.map((m) => m.kind)).toEqual(stored.map((m) => messageKind(m)));
    expect(new Set(stored.map((m) => m.kind))).toEqual(kinds);
  });
});

describe('YamRooms read marks', () => {
  it("a member's read mark reaches the others as a 'read' event, as a control message: never shown, never a message", async () => {
    const { a, b } = await twoMembers();
    const reads: { from: string; upTo: string }[] = [];
    a.rooms.on('read', (r) => r.room === room && reads.push(r));
    const { cmid } = await a.rooms.send(room, text('read me'));
    await waitFor(() => b.texts().includes('read me'), 'B reads A');
    await b.rooms.markRead(room, cmid);
    await waitFor(() => reads.length > 0, 'the read event');
    expect(reads).toEqual([{ room, from: b.rooms.clientId, upTo: cmid }]);
    // On the wire and in the store it is a control message, which nothing shows or counts.
    const mark = a.seen.received.find((m) => m.from === b.rooms.clientId);
    expect(mark?.kind).toBe('control');
    expect(a.texts()).toEqual(['read me']);
    expect(a.seen.opened.filter((m) => m.from === b.rooms.clientId)).toEqual([]);
  });
});

describe('YamRooms catch-up', () => {
  it("'synced' comes once every message of the catch-up was opened and emitted, not when only stored", async () => {
    const { a, b } = await twoMembers();
    await closeDevice(b.rooms);
    const sent = Array.from({ length: 120 }, (_, i) => `while away ${i + 1}`);
    const receipts = [];
    for (const line of sent) receipts.push(await a.rooms.send(room, text(line)));
    await Promise.all(receipts.map((r) => r.acked));

    const seenAtSynced: string[][] = [];
    await device(b.kept, (rooms, texts) =>
      rooms.on('synced', (e) => e.room === room && seenAtSynced.push(texts())),
    );
    await waitFor(() => seenAtSynced.some((t) => t.length >= sent.length), "'synced' after all");
    // The first 'synced' after the return already had every message: none came after it.
    expect(seenAtSynced[0]).toEqual(sent);
  });
});
