import { encodeContent, inviteLink, MemorySecretStore, MemoryStore, YamRooms } from '@yam/client';
import { createIdentity } from '@yam/crypto';
import { type ClientId, ErrorCode, isYamError, type RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { MailOptions } from '../../src/config.ts';
import { TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../integration/sdk-harness.ts';
import { SmtpSink } from './smtp-sink.ts';

const room = 'mail-room' as RoomId;
let server: TestServer | undefined;
let smtp: SmtpSink | undefined;
const open = new Set<YamRooms>();
/** Per stored message that mentions someone: whom the server chose to mail. */
const decided: Array<Array<{ to: string; sent: boolean }>> = [];

afterEach(async () => {
  await Promise.all([...open].map((r) => r.close()));
  open.clear();
  await server?.stop();
  await smtp?.close();
  server = undefined;
  smtp = undefined;
  decided.length = 0;
});

async function setup(mail: Partial<MailOptions> = {}) {
  smtp = await SmtpSink.start();
  server = await startTestServer({
    mail: { smtpUrl: smtp.url, onDecided: (mails) => decided.push(mails), ...mail },
  });
  return smtp;
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

/** Alice creates the room, Bob joins by invite, sets his address and closes the app. */
async function aliceAndAwayBob(address = 'bob@example.net') {
  const alice = await device();
  const bob = await device();
  await alice.enter(room);
  const link = inviteLink(`${server!.url}/?room=${room}`, await alice.joins.invite(room));
  expect(await bob.enter(room, { invite: link, timeoutMs: 15_000 })).toBe('joined');
  expect(await bob.mail.set(address)).toEqual({ available: true, address });
  open.delete(bob);
  await bob.close();
  return { alice, bob };
}

const mention = (text: string, ...ids: ClientId[]) =>
  encodeContent({ type: 'text', text, name: 'Alice', sentAt: Date.now(), mentions: ids });

/** Waits for the server's choice on `count` messages with mentions. */
async function decisions(count: number) {
  await waitFor(() => decided.length >= count, `${count} mail decisions`);
  return decided.slice();
}
const BOB = { to: 'bob@example.net', sent: true };

describe('E-mail when mentioned', () => {
  it('[P-MAIL2] a non-member cannot make the server mail a member', async () => {
    const sink = await setup();
    const { alice, bob } = await aliceAndAwayBob();
    const stranger = await TestClient.authenticated(server!.wsUrl);
    stranger.send({ t: 'sub', rid: 1, room });
    expect((await stranger.next((f) => f.rid === 1)).t).toBe('error');
    const refused = await stranger.request({
      t: 'pub',
      rid: 2,
      room,
      cmid: 'stranger-1',
      payload: 'AAEC',
      mentions: [bob.clientId],
    });
    expect(refused).toMatchObject({ t: 'error', code: ErrorCode.NotMember });
    stranger.ws.close();
    // A member's mention afterwards is the first and only decision: the stranger's made none.
    await (await alice.send(room, mention('ping', bob.clientId))).acked;
    expect(await decisions(1)).toEqual([[BOB]]);
    expect(await sink.waitFor(1)).toHaveLength(1);
  });

  it('[P-MAIL2] a member cannot mail someone outside the room, nor the sender itself', async () => {
    await setup();
    const { alice, bob } = await aliceAndAwayBob();
    // Carol asked for mails but is no member of this room.
    const carol = await device();
    await carol.mail.set('carol@example.net');
    await alice.mail.set('alice@example.net');
    await (await alice.send(room, mention('hi', carol.clientId, alice.clientId, bob.clientId)))
      .acked;
    expect(await decisions(1)).toEqual([[BOB]]);
    // Nor anyone reading the room right now: Carol joins and stays connected.
    const link = inviteLink(`${server!.url}/?room=${room}`, await alice.joins.invite(room));
    await carol.enter(room, { invite: link, timeoutMs: 15_000 });
    await waitFor(() => alice.presence.online(room).includes(carol.clientId), 'carol online');
    await (await alice.send(room, mention('hi', carol.clientId))).acked;
    expect(await decisions(2)).toEqual([[BOB], []]);
  });

  it('[P-MAIL3] at most one mail per address and room in the window, a few per hour', async () => {
    const sink = await setup({ perAddressPerHour: 2 });
    const { alice, bob } = await aliceAndAwayBob();
    for (const text of ['one', 'two', 'three']) {
      await (await alice.send(room, mention(text, bob.clientId))).acked;
    }
    const late = { ...BOB, sent: false };
    expect(await decisions(3)).toEqual([[BOB], [late], [late]]);
    // Other rooms count toward the hourly cap of the same address.
    for (const other of ['mail-room-2', 'mail-room-3'] as RoomId[]) {
      await alice.enter(other);
      const bob2 = await device();
      // Bob's second device (another identity) enters the same address: still one address.
      await bob2.mail.set('BOB@example.net');
      const link = inviteLink(`${server!.url}/?room=${other}`, await alice.joins.invite(other));
      await bob2.enter(other, { invite: link, timeoutMs: 15_000 });
      open.delete(bob2);
      await bob2.close();
      await (await alice.send(other, mention('again', bob2.clientId))).acked;
    }
    const other = { to: 'BOB@example.net', sent: true };
    expect(await decisions(5)).toEqual([
      [BOB],
      [late],
      [late],
      [other],
      [{ ...other, sent: false }],
    ]);
    expect(await sink.waitFor(2)).toHaveLength(2);
  });

  it('[P-MAIL4] one mention sends one mail without the message, names or room', async () => {
    const sink = await setup();
    const { alice, bob } = await aliceAndAwayBob();
    const canary = `CANARY-${Math.random().toString(36).slice(2)}`;
    await (await alice.send(room, mention(`lunch at 1 ${canary}`, bob.clientId))).acked;
    const [mail] = await sink.waitFor(1);
    expect(mail!.to).toEqual(['bob@example.net']);
    expect(mail!.raw).toContain(`You were mentioned in a room on ${new URL(server!.url).host}`);
    expect(mail!.raw).toContain('remove your address');
    for (const secret of [canary, 'lunch', 'Alice', room, alice.clientId, bob.clientId]) {
      expect(mail!.raw).not.toContain(secret);
    }
    // A message without a mention asks for nothing: the next decision is the next mention's.
    await (await alice.send(room, encodeContent({ type: 'text', text: 'x', sentAt: 1 }))).acked;
    await (await alice.send(room, mention('y', bob.clientId))).acked;
    expect(await decisions(2)).toEqual([[BOB], [{ ...BOB, sent: false }]]);
    expect(sink.received).toHaveLength(1);
  });

  it('[P-MAIL1] the address can be removed, and then nothing is sent', async () => {
    const sink = await setup();
    const { alice, bob } = await aliceAndAwayBob();
    const carol = await device();
    expect(await carol.mail.get()).toEqual({ available: true, address: null });
    await carol.mail.set('carol@example.net');
    expect(await carol.mail.get()).toEqual({ available: true, address: 'carol@example.net' });
    const link = inviteLink(`${server!.url}/?room=${room}`, await alice.joins.invite(room));
    await carol.enter(room, { invite: link, timeoutMs: 15_000 });
    expect(await carol.mail.set(null)).toEqual({ available: true, address: null });
    expect(await carol.mail.get()).toEqual({ available: true, address: null });
    open.delete(carol);
    await carol.close();
    await (await alice.send(room, mention('x', carol.clientId, bob.clientId))).acked;
    expect(await decisions(1)).toEqual([[BOB]]);
    expect((await sink.waitFor(1))[0]!.to).toEqual(['bob@example.net']);
  });

  it('[P-MAIL1] without --smtp no address is kept and the setting says so', async () => {
    server = await startTestServer();
    const alice = await device();
    expect(await alice.mail.get()).toEqual({ available: false, address: null });
    const refused = await alice.mail.set('alice@example.net').catch((e: unknown) => e);
    expect(isYamError(refused) && refused.code).toBe(ErrorCode.NotAllowed);
  });
});
