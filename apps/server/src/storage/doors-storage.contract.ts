import { describe, expect, it } from 'vitest';
import { contractStorages } from './contract-storages.ts';
import type { CommitInput, Storage, StorageFactory, WelcomeDoors } from './storage.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const A = 'A'.repeat(43);
const B = 'B'.repeat(43);
const C = 'C'.repeat(43);
const DAY = 24 * 60 * 60_000;
const NOW = 1_800_000_000_000;
const ALL = { after: 0, limit: 1000, notBefore: 0 };
const caps = { perRoom: 50, perClient: 10, perNetwork: 3, notBefore: NOW - DAY };

/** Test doors: `dm-<from>-<to>` stands for the DM room of two clients. */
const doors = (over: Partial<WelcomeDoors> = {}): WelcomeDoors => ({
  isDmOf: (room, from, to) => room === `dm-${from}-${to}`,
  joinsNotBefore: NOW - DAY,
  inboxNotBefore: NOW - 7 * DAY,
  maxItems: 4,
  maxBytes: 1000,
  maxDmItems: 2,
  maxDmBytes: 500,
  ...over,
});

const join = (from: string, room = 'r', ts = NOW, network = '192.0.2.1') => ({
  room,
  from,
  keyPackage: bytes(`kp-${from.slice(0, 1)}`),
  ts,
  network,
});

/** Doors of the delivery service every Storage keeps [P-DS2] [P-DS5] [P-DS7]; called by storageContract. */
export function doorsStorageContract(
  name: string,
  makeStorage: StorageFactory,
  newPlace: () => string,
): void {
  describe(`Storage contract (doors): ${name}`, () => {
    const make = contractStorages(makeStorage, newPlace);
    let epochs = new Map<string, number>();
    /** A commit by A in `room` at the room's next epoch (the first claims it). */
    const commitBy = (room: string, extra: Partial<CommitInput> = {}): CommitInput => {
      const epoch = epochs.get(room) ?? 0;
      return {
        room,
        from: A,
        cmid: `c-${room}-${epoch}`.padEnd(8, '0'),
        ts: NOW,
        epoch,
        payload: bytes('commit'),
        ...extra,
      };
    };
    const commit = async (s: Storage, room: string, extra: Partial<CommitInput> = {}) => {
      const result = await s.appendCommit(commitBy(room, extra));
      if (result.ok) epochs.set(room, result.epoch);
      return result;
    };
    const welcome = (to: string[], size = 10) => ({
      welcome: { to, data: new Uint8Array(size).fill(1) },
      doors: doors(),
    });
    const fresh = async () => {
      epochs = new Map();
      const s = await make();
      await commit(s, 'r');
      return s;
    };

    it('[P-DS7] a Welcome needs the recipient’s pending join request; a refusal stores nothing', async () => {
      const s = await fresh();
      expect(await commit(s, 'r', welcome([B]))).toEqual({
        ok: false,
        reason: 'welcome',
        to: B,
        why: 'no-request',
      });
      expect(await s.epoch('r')).toBe(1);
      expect(await s.head('r')).toBe(1);
      expect(await s.isMember('r', B)).toBe(false);
      const queued = await s.addJoinRequest(join(B), caps);
      // One recipient without a request refuses the whole Welcome, and takes no request.
      expect(await commit(s, 'r', welcome([B, C]))).toMatchObject({ to: C, why: 'no-request' });
      expect((await s.joinRequests('r', 0)).map((j) => j.from)).toEqual([B]);
      const added = await commit(s, 'r', welcome([B]));
      expect(added.ok && added.answered.map((j) => [j.id, j.from])).toEqual([
        [queued.ok && queued.id, B],
      ]);
      expect(await s.joinRequests('r', 0)).toEqual([]);
      expect(await s.isMember('r', B)).toBe(true);
      // The request was answered: a second Welcome for it is refused.
      expect(await commit(s, 'r', welcome([B]))).toMatchObject({ why: 'no-request' });
    });

    it('[P-DS5] [P-DS7] an expired join request admits no Welcome, is never listed and is dropped', async () => {
      const s = await fresh();
      await s.addJoinRequest(join(B, 'r', NOW - DAY - 1), { ...caps, notBefore: 0 });
      await s.addJoinRequest(join(C, 'r', NOW - DAY), { ...caps, notBefore: 0 });
      expect((await s.joinRequests('r', NOW - DAY)).map((j) => j.from)).toEqual([C]);
      const [expired] = await s.joinRequests('r', 0);
      expect(await s.takeJoinRequest('r', expired!.id, NOW - DAY)).toBeUndefined();
      expect(await commit(s, 'r', welcome([B]))).toMatchObject({ why: 'no-request' });
      expect(await s.expire({ joinsBefore: NOW - DAY, inboxBefore: 0 })).toEqual({
        joins: 1,
        inbox: 0,
      });
      expect((await s.joinRequests('r', 0)).map((j) => j.from)).toEqual([C]);
    });

    it('[P-DS5] join requests are capped per network; expired ones do not count', async () => {
      const s = await fresh();
      const D = 'D'.repeat(43);
      const E = 'E'.repeat(43);
      await s.addJoinRequest(join(A, 'x', NOW - DAY - 1, 'net'), { ...caps, notBefore: 0 });
      for (const who of [B, C, D]) {
        expect((await s.addJoinRequest(join(who, 'x', NOW, 'net'), caps)).ok).toBe(true);
      }
      expect(await s.addJoinRequest(join(E, 'x', NOW, 'net'), caps)).toEqual({
        ok: false,
        full: 'network',
      });
      expect((await s.addJoinRequest(join(E, 'x', NOW, 'other'), caps)).ok).toBe(true);
      // A repeated request of the same requester replaces its own, within the cap.
      expect((await s.addJoinRequest(join(B, 'x', NOW, 'net'), caps)).ok).toBe(true);
    });

    it('[P-DS7] DM Welcomes need no request, one waiting per DM room, within the DM share', async () => {
      const s = await fresh();
      const dm = (to: string) => `dm-${A}-${to}`;
      epochs.set(dm(B), 0);
      expect((await commit(s, dm(B), welcome([B], 100))).ok).toBe(true);
      expect(await commit(s, dm(B), welcome([B], 100))).toMatchObject({ why: 'inbox-full' });
      expect((await commit(s, dm(C), welcome([C], 450))).ok).toBe(true);
      // Only the pair's DM room counts: B is no DM partner of A in C's DM room.
      expect(await commit(s, dm(C), welcome([B]))).toMatchObject({ why: 'no-request' });
      const D = 'D'.repeat(43);
      const E = 'E'.repeat(43);
      for (const [who, room] of [
        [D, 'dm-x1'],
        [E, 'dm-x2'],
      ] as const) {
        expect(
          (
            await commit(s, room, {
              from: who,
              welcome: { to: [B], data: new Uint8Array(10) },
              doors: doors({ isDmOf: () => true }),
            })
          ).ok,
        ).toBe(who === D);
      }
      // B's DM share (2 items) is full, but a Welcome for its own join request still fits.
      await s.addJoinRequest(join(B), caps);
      expect((await commit(s, 'r', welcome([B], 300))).ok).toBe(true);
    });

    it('[P-DS7] an inbox is capped per recipient by count and bytes; acks and expiry free it', async () => {
      const s = await fresh();
      const rooms = ['r1', 'r2', 'r3', 'r4', 'r5'];
      for (const room of rooms) {
        await commit(s, room);
        await s.addJoinRequest(join(B, room), { ...caps, perClient: 99, perNetwork: 99 });
      }
      for (const room of rooms.slice(0, 4)) {
        expect((await commit(s, room, welcome([B], 240))).ok).toBe(true);
      }
      // 4 items is the count cap (960 bytes of 1000 used).
      expect(await commit(s, 'r5', welcome([B], 1))).toMatchObject({ why: 'inbox-full' });
      const [first] = await s.inbox(B, ALL);
      await s.deleteInboxItem(B, first!.id);
      // 720 bytes left in it: 281 more would pass the byte cap, 280 fit.
      expect(await commit(s, 'r5', welcome([B], 281))).toMatchObject({ why: 'inbox-full' });
      expect((await commit(s, 'r5', welcome([B], 280))).ok).toBe(true);
      // Expired items neither count nor get delivered, and expire() drops them.
      const later = doors({ inboxNotBefore: NOW + 1 });
      await commit(s, 'r6');
      await s.addJoinRequest(join(B, 'r6'), { ...caps, perClient: 99, perNetwork: 99 });
      expect((await commit(s, 'r6', { ...welcome([B], 900), doors: later })).ok).toBe(true);
      expect((await s.inbox(B, { ...ALL, notBefore: NOW + 1 })).length).toBe(0);
      expect(await s.expire({ joinsBefore: 0, inboxBefore: NOW + 1 })).toMatchObject({ inbox: 5 });
      expect(await s.inbox(B, ALL)).toEqual([]);
    });

    it('[P-DS4] the inbox is read in pages after an item ID', async () => {
      const s = await fresh();
      for (const room of ['p1', 'p2', 'p3']) {
        epochs.set(room, 0);
        await commit(s, room, {
          welcome: { to: [B], data: bytes(room) },
          doors: doors({ isDmOf: () => true, maxDmItems: 9 }),
        });
      }
      const page1 = await s.inbox(B, { after: 0, limit: 2, notBefore: 0 });
      expect(page1.map((i) => i.room)).toEqual(['p1', 'p2']);
      const page2 = await s.inbox(B, { after: page1[1]!.id, limit: 2, notBefore: 0 });
      expect(page2.map((i) => i.room)).toEqual(['p3']);
    });

    it('[P-DS2] the last-resort KeyPackage is returned when no one-time one is left, and stays', async () => {
      const s = await fresh();
      expect(await s.putKeyPackages(A, [bytes('one')], 5, bytes('last-1'))).toEqual({
        stored: true,
        count: 1,
        lastResort: true,
      });
      expect(await s.putKeyPackages(A, [], 5, bytes('last-2'))).toMatchObject({ count: 1 });
      const text = (c: { data: Uint8Array } | undefined) => c && new TextDecoder().decode(c.data);
      expect(text(await s.claimKeyPackage(A, true))).toBe('last-2'); // over the target's budget
      const one = await s.claimKeyPackage(A);
      expect([text(one), one?.lastResort]).toEqual(['one', false]);
      for (let i = 0; i < 3; i++) {
        const last = await s.claimKeyPackage(A);
        expect([text(last), last?.lastResort]).toEqual(['last-2', true]);
      }
      expect(await s.putKeyPackages(A, [], 5)).toEqual({
        stored: true,
        count: 0,
        lastResort: true,
      });
      expect(await s.claimKeyPackage(B, true)).toBeUndefined();
    });
  });
}
