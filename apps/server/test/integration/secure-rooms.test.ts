import { dmRoomId, type OpenedMessage, type PendingJoin } from '@yam/client';
import { SecureRooms } from '@yam/client/transport';
import { createKeyPackage, decryptMessage, epochOf, inviteMac } from '@yam/crypto';
import type { ClientId, RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { text, untext, waitFor } from './sdk-harness.ts';
import {
  closeSecureMembers,
  type SecureMemberOptions,
  secureMember,
  storedGroup,
} from './secure-harness.ts';

let server: TestServer | undefined;
const room = 'secret-room' as RoomId;

afterEach(async () => {
  await closeSecureMembers();
  await server?.stop();
  server = undefined;
});

/** A connected client with its secure layer, recording what it opens and what it is asked. */
async function member(options: SecureMemberOptions = {}) {
  const opened: OpenedMessage[] = [];
  const requests: PendingJoin[] = [];
  const removed: string[] = [];
  const joined: { room: string; dm: boolean }[] = [];
  const m = await secureMember(server!.url, {
    ...options,
    listen: (secure) => {
      secure.on('message', (msg) => opened.push(msg));
      secure.on('joinRequest', (r) => requests.push(r));
      secure.on('removed', (r) => removed.push(r.room));
      secure.on('roomJoined', (r) => joined.push(r));
    },
  });
  const texts = (r: string = room) =>
    opened.filter((msg) => msg.room === r && msg.body).map((msg) => untext(msg.body!));
  return { ...m, opened, requests, removed, joined, texts };
}
type Member = Awaited<ReturnType<typeof member>>;

async function invited(inviter: Member, joiner: Member, r: RoomId = room): Promise<void> {
  const key = await inviter.secure.createInvite(r);
  await joiner.secure.join(r, { inviteKey: key, name: 'Joiner', timeoutMs: 15_000 });
}

const epochOfMember = async (m: Member, r: RoomId = room) =>
  Number(epochOf((await m.secure.group(r))!));

describe('SecureRooms on the real server: MLS rooms end to end', () => {
  it('[P-DS1] [P-E2E1] creating a room claims epoch 0; a second creator gets EPOCH_CONFLICT and must join', async () => {
    server = await startTestServer();
    const a = await member();
    const b = await member();
    await a.secure.createRoom(room);
    expect(await a.secure.status(room)).toBe('member');
    await expect(b.secure.createRoom(room)).rejects.toMatchObject({ code: 'EPOCH_CONFLICT' });
    expect(await b.secure.status(room)).toBe('none');
  });

  it('[P-E2E3] [P-E2E2] an invite key admits the joiner at once; they chat; the server stores only ciphertext', async () => {
    server = await startTestServer();
    const a = await member();
    const b = await member();
    await a.secure.createRoom(room);
    await a.secure.send(room, text('before you came'));
    await invited(a, b);
    expect(await b.secure.members(room)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(a.requests).toEqual([]); // nobody had to click Accept
    await a.secure.send(room, text('welcome, B'));
    await waitFor(() => b.texts().includes('welcome, B'), 'B reads A');
    await b.secure.send(room, text('thanks, A'));
    await waitFor(() => a.texts().includes('thanks, A'), 'A reads B');
    // A joiner cannot read what was sent before it joined: a marker, not an error.
    await waitFor(() => b.opened.some((m) => m.problem === 'before-join'), 'pre-join marker');
    expect(b.texts()).not.toContain('before you came');
    // Authors are verified: B sees A as the author of A's words.
    expect(b.opened.find((m) => m.body && untext(m.body) === 'welcome, B')?.from).toBe(a.id);
    // What the server relayed is MLS ciphertext only.
    const page = await b.sdk.client.history(room, { before: 1_000, limit: 50 });
    for (const m of page.messages) {
      expect(untext(m.payload)).not.toContain('welcome, B');
      expect(untext(m.payload)).not.toContain('before you came');
    }
  });

  it('[P-E2E3] the invite is one-time: a second use needs a member’s Accept', async () => {
    server = await startTestServer();
    const a = await member();
    const b = await member();
    const c = await member();
    await a.secure.createRoom(room);
    const key = await a.secure.createInvite(room);
    await b.secure.join(room, { inviteKey: key, timeoutMs: 15_000 });
    const cJoin = c.secure.join(room, { inviteKey: key, name: 'Cy' });
    await waitFor(() => a.requests.some((r) => r.from === c.id), 'A is asked about C');
    expect(a.requests.find((r) => r.from === c.id)?.invite).toBe('invalid');
    await a.secure.acceptJoin(room, a.requests.find((r) => r.from === c.id)!.id);
    await cJoin;
    expect(await c.secure.status(room)).toBe('member');
  });

  it('[P-DS5] [P-DS6] a request without an invite waits for Accept; a refused one fails for the joiner', async () => {
    server = await startTestServer();
    const a = await member();
    const b = await member();
    const c = await member();
    await a.secure.createRoom(room);
    const bJoin = b.secure.join(room);
    await waitFor(() => a.requests.some((r) => r.from === b.id), 'A is asked about B');
    expect(a.requests[0]).toMatchObject({ room, from: b.id, invite: 'none' });
    await a.secure.acceptJoin(room, a.requests[0]!.id);
    await bJoin;
    await b.secure.send(room, text('let in by hand'));
    await waitFor(() => a.texts().includes('let in by hand'), 'A reads B');

    const cJoin = c.secure.join(room);
    await waitFor(() => a.requests.some((r) => r.from === c.id), 'A is asked about C');
    await a.secure.refuseJoin(room, a.requests.find((r) => r.from === c.id)!.id);
    await expect(cJoin).rejects.toMatchObject({ code: 'JOIN_REFUSED' });
    expect(await c.secure.status(room)).toBe('none');
    expect(await a.secure.members(room)).not.toContain(c.id);
  });

  it('[P-E2E3] a relay that swaps the KeyPackage breaks the MAC: nobody is added automatically', async () => {
    server = await startTestServer();
    const a = await member();
    const b = await member();
    await a.secure.createRoom(room);
    const key = await a.secure.createInvite(room);
    // The MAC was made for one KeyPackage; the request carries another (what a relay could swap).
    const honest = await createKeyPackage(b.sdk.identity);
    const swapped = await createKeyPackage(b.sdk.identity);
    await b.sdk.client.mls.requestJoin(
      room,
      swapped.keyPackage,
      inviteMac(key, room, honest.keyPackage),
    );
    await waitFor(() => a.requests.some((r) => r.from === b.id), 'A is asked instead');
    expect(a.requests[0]!.invite).toBe('invalid');
    expect(await a.secure.members(room)).toEqual([a.id]);
    expect(await epochOfMember(a)).toBe(1);
  });

  it('[P-DS1] [P-MEM4] a removed member learns it, gets nothing more, and cannot read the next epoch even with its old state', async () => {
    server = await startTestServer();
    const a = await member();
    const b = await member();
    await a.secure.createRoom(room);
    await invited(a, b);
    const bStateBefore = await storedGroup(b.secrets, room);
    await a.secure.removeMember(room, b.id as ClientId);
    await waitFor(() => b.removed.includes(room), 'B learns it was removed');
    expect(await b.secure.status(room)).toBe('removed');
    await expect(b.secure.send(room, text('still here?'))).rejects.toThrow();
    const bSeen = b.sdk.messages.length;
    await a.secure.send(room, text('after B left'));
    const fromA = () => a.sdk.messages.filter((m) => m.kind !== 'commit' && m.from === a.id);
    await waitFor(() => fromA().length > 0, "A's message is stored");
    // [P-MEM4] The server serves the room to members only: not even the ciphertext reaches B.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(b.sdk.messages).toHaveLength(bSeen);
    expect(b.texts()).not.toContain('after B left');
    // Adversary: B kept the state from before its removal; the new epoch's keys are not in it.
    const ciphertext = fromA().at(-1)!.payload;
    await expect(decryptMessage(bStateBefore, ciphertext)).rejects.toMatchObject({
      name: 'CryptoError',
    });
    expect(await a.secure.members(room)).toEqual([a.id]);
  });

  it('[P-DS1] two members admitting at once: one commit wins, the other rebases, all end on one epoch', async () => {
    server = await startTestServer();
    const a = await member();
    const b = await member();
    const d = await member();
    const e = await member();
    await a.secure.createRoom(room);
    await invited(a, b);
    const keyA = await a.secure.createInvite(room);
    const keyB = await b.secure.createInvite(room);
    await Promise.all([
      d.secure.join(room, { inviteKey: keyA, timeoutMs: 20_000 }),
      e.secure.join(room, { inviteKey: keyB, timeoutMs: 20_000 }),
    ]);
    const everyone = [a, b, d, e];
    const target = Math.max(...(await Promise.all(everyone.map((m) => epochOfMember(m)))));
    for (const m of everyone) {
      const reached = async () => (await epochOfMember(m)) === target;
      const deadline = Date.now() + 15_000;
      while (!(await reached())) {
        if (Date.now() > deadline) throw new Error('members did not converge');
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    expect(target).toBe(4); // create, add B, add D, add E
    const ids = [a.id, b.id, d.id, e.id].sort();
    for (const m of everyone) expect([...(await m.secure.members(room))].sort()).toEqual(ids);
    await d.secure.send(room, text('hello from D'));
    for (const m of [a, b, e])
      await waitFor(() => m.texts().includes('hello from D'), 'all read D');
  });

  it('[P-E2E5] a DM appears for the receiver when its Welcome arrives, and both sides can read it', async () => {
    server = await startTestServer();
    const a = await member();
    const c = await member();
    // C's KeyPackages reach the server once it is online.
    await c.secure.replenishKeyPackages();
    // [P-DS2] the stock is topped up to the target (3 here), and only once; plus a last-resort one.
    expect(await c.sdk.client.mls.putKeyPackages([])).toEqual({ count: 3, lastResort: true });
    await c.secure.replenishKeyPackages();
    expect((await c.sdk.client.mls.putKeyPackages([])).count).toBe(3);
    const dm = await a.secure.openDm(c.id as ClientId);
    expect(dm).toBe(dmRoomId(c.id, a.id));
    await waitFor(() => c.joined.some((j) => j.room === dm && j.dm), 'C gets the DM');
    // C used one KeyPackage for the DM and tops the stock up again.
    const deadline = Date.now() + 10_000;
    while ((await c.sdk.client.mls.putKeyPackages([])).count < 3 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await c.sdk.client.mls.putKeyPackages([])).count).toBe(3);
    await a.secure.send(dm, text('just between us'));
    await waitFor(() => c.texts(dm).includes('just between us'), 'C reads the DM');
    await c.secure.send(dm, text('agreed'));
    await waitFor(() => a.texts(dm).includes('agreed'), 'A reads the reply');
    // Opening it again finds the same room.
    expect(await a.secure.openDm(c.id as ClientId)).toBe(dm);
  });

  it('[P-E2E2] own messages and decrypted ones are readable again after a restart (plaintext kept locally)', async () => {
    server = await startTestServer();
    const a = await member();
    const b = await member();
    await a.secure.createRoom(room);
    await invited(a, b);
    await a.secure.send(room, text('mine'));
    await waitFor(() => b.texts().includes('mine'), 'B reads');
    await b.secure.send(room, text('yours'));
    await waitFor(() => a.texts().includes('yours'), 'A reads');
    await a.secure.close();
    // A fresh secure layer over the same stores (what a reload gives the web app).
    const again = new SecureRooms({
      client: a.sdk.client,
      identity: a.sdk.identity,
      store: a.secrets,
    });
    const stored = await a.sdk.store.getMessages(room, { limit: 50 });
    const bodies: string[] = [];
    for (const m of stored) {
      const opened = await again.open(m);
      if (opened?.body) bodies.push(untext(opened.body));
    }
    expect(bodies).toEqual(expect.arrayContaining(['mine', 'yours']));
    await again.close();
  });

  it('[P-E2E6] sealed records (profiles) open for members of that epoch only; re-sealing reaches new members', async () => {
    server = await startTestServer();
    const a = await member();
    const b = await member();
    const d = await member();
    await a.secure.createRoom(room);
    await invited(a, b);
    const sealed = await a.secure.sealRecord(room, text('{"name":"Ada"}'));
    expect(untext(sealed)).not.toContain('Ada');
    expect(untext((await b.secure.openRecord(room, sealed))!)).toBe('{"name":"Ada"}');
    // Tampering is caught.
    const bent = sealed.slice();
    bent[bent.length - 1]! ^= 1;
    expect(await b.secure.openRecord(room, bent)).toBeUndefined();
    // A later joiner has no key for the earlier epoch, until the record is sealed again.
    const epochs: number[] = [];
    a.secure.on('epoch', (e) => epochs.push(e.epoch));
    await invited(a, d);
    await waitFor(() => epochs.length > 0, 'A learns the new epoch');
    expect(await d.secure.openRecord(room, sealed)).toBeUndefined();
    const again = await a.secure.sealRecord(room, text('{"name":"Ada"}'));
    expect(untext((await d.secure.openRecord(room, again))!)).toBe('{"name":"Ada"}');
    // B, still a member, reads both (once it processed the commit that added D).
    const deadline = Date.now() + 10_000;
    while (!(await b.secure.openRecord(room, again)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(untext((await b.secure.openRecord(room, again))!)).toBe('{"name":"Ada"}');
  });

  it('[P-E2E4] password rooms: members check the password key; a wrong one is refused; new members learn the key', async () => {
    server = await startTestServer();
    const a = await member();
    const b = await member();
    const c = await member();
    const d = await member();
    await a.secure.createRoom(room, { password: 'correct horse' });
    await b.secure.join(room, { password: 'correct horse', timeoutMs: 20_000 });
    expect(a.requests).toEqual([]);
    await expect(
      c.secure.join(room, { password: 'wrong horse', timeoutMs: 20_000 }),
    ).rejects.toMatchObject({ code: 'PASSWORD_WRONG' });
    expect(await a.secure.members(room)).not.toContain(c.id);
    // B learned the password key from the group, so it admits D while A is gone.
    const deadline = Date.now() + 10_000;
    while (!(await b.secure.passwordKey(room)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await b.secure.passwordKey(room)).toEqual(await a.secure.passwordKey(room));
    await a.secure.close();
    await a.sdk.client.close();
    await d.secure.join(room, { password: 'correct horse', timeoutMs: 20_000 });
    expect(await d.secure.members(room)).toEqual(expect.arrayContaining([a.id, b.id, d.id]));
    // The control message that carried the key is never shown as a message.
    expect(b.opened.filter((m) => m.cmid.startsWith('ctl-'))).toEqual([]);
  });
});
