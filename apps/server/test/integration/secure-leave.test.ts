import type { ReceivedMessage } from '@yam/client';
import { decryptMessage, type RoomGroup } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { sdkClient, text, untext, waitFor, waitUntil } from './sdk-harness.ts';
import {
  closeSecureMember,
  closeSecureMembers,
  type SecureMemberOptions,
  secureMember,
  storedGroup,
} from './secure-harness.ts';

let server: TestServer | undefined;
const room = 'leave-room' as RoomId;

afterEach(async () => {
  await closeSecureMembers();
  await server?.stop();
  server = undefined;
});

/** A connected client with its secure layer, recording the texts it opens. */
async function member(options: SecureMemberOptions = {}) {
  const texts: string[] = [];
  const m = await secureMember(server!.url, {
    ...options,
    listen: (secure) => secure.on('message', (msg) => msg.body && texts.push(untext(msg.body))),
  });
  return { ...m, texts, entry: m };
}
type Member = Awaited<ReturnType<typeof member>>;

async function roomOfTwo(): Promise<[Member, Member]> {
  const a = await member();
  const b = await member();
  await a.secure.createRoom(room);
  const key = await a.secure.createInvite(room);
  await b.secure.join(room, { inviteKey: key, timeoutMs: 15_000 });
  await a.secure.send(room, text('hello B'));
  await waitFor(() => b.texts.includes('hello B'), 'B reads A');
  return [a, b];
}

/** B's saved pre-leave state must not open A's message sent after B's Remove. */
async function expectUnreadableFor(bState: RoomGroup, a: Member, body: string): Promise<void> {
  let sent: ReceivedMessage | undefined;
  await waitUntil(async () => {
    const stored = await a.sdk.store.getMessages(room, { limit: 100 });
    sent = stored.filter((m) => m.from === a.id && m.kind !== 'commit').at(-1);
    return sent !== undefined && (await a.secure.ownBody(room, sent.cmid)) !== undefined
      ? untext((await a.secure.ownBody(room, sent.cmid))!) === body
      : false;
  }, 'A’s message is in the log');
  await expect(decryptMessage(bState, sent!.payload)).rejects.toMatchObject({
    name: 'CryptoError',
  });
}

describe('SecureRooms: leaving a room', () => {
  it('[P-DS1] a member that leaves is removed by an online member’s commit; its old state reads nothing after', async () => {
    server = await startTestServer();
    const [a, b] = await roomOfTwo();
    const bState = await storedGroup(b.secrets, room);
    await b.secure.leaveRoom(room);
    expect(await b.secure.status(room)).toBe('none');
    expect(await b.secrets.get('group', room)).toBeUndefined();
    await waitUntil(
      async () => (await a.secure.members(room)).length === 1,
      'A commits B’s Remove',
    );
    expect(await a.secure.members(room)).toEqual([a.id]);
    await a.secure.send(room, text('after B left'));
    await expectUnreadableFor(bState, a, 'after B left');
  });

  it('[P-DS1] when nobody is online, the next member to come back commits the leaver’s Remove', async () => {
    server = await startTestServer();
    const [a, b] = await roomOfTwo();
    // A goes offline (closes), keeping its stores.
    await closeSecureMember(a.entry);
    const bState = await storedGroup(b.secrets, room);
    await b.secure.leaveRoom(room);
    expect(await b.secure.status(room)).toBe('none');
    const back = await member({
      secrets: a.secrets,
      sdk: sdkClient(server.url, { identity: a.sdk.identity, store: a.sdk.store }),
    });
    await waitUntil(
      async () => (await back.secure.members(room)).length === 1,
      'A commits B’s Remove on return',
    );
    expect(await back.secure.members(room)).toEqual([a.id]);
    await back.secure.send(room, text('back, B is gone'));
    await expectUnreadableFor(bState, back, 'back, B is gone');
  });

  it('[P-DS1] two members reading the leave at once: one Remove wins, the other commits nothing', async () => {
    server = await startTestServer();
    const [a, b] = await roomOfTwo();
    const c = await member();
    const key = await a.secure.createInvite(room);
    await c.secure.join(room, { inviteKey: key, timeoutMs: 15_000 });
    await waitUntil(async () => (await b.secure.members(room)).length === 3, 'B sees C');
    await b.secure.leaveRoom(room);
    await waitUntil(async () => (await a.secure.members(room)).length === 2, 'A drops B');
    await waitUntil(async () => (await c.secure.members(room)).length === 2, 'C drops B');
    await a.secure.send(room, text('just us'));
    await waitFor(() => c.texts.includes('just us'), 'C reads A on the same epoch');
    const commits = (await a.sdk.store.getMessages(room, { limit: 100 })).filter(
      (m) => m.kind === 'commit',
    );
    // create, add B, add C, remove B: exactly one Remove went in.
    expect(commits).toHaveLength(4);
  });
});
