import { describe, expect, it } from 'vitest';
import { contractStorages } from './contract-storages.ts';
import type { CommitInput, StorageFactory } from './storage.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const A = 'A'.repeat(43);
const B = 'B'.repeat(43);
const C = 'C'.repeat(43);
const caps = { perRoom: 3, perClient: 2, perNetwork: 10, notBefore: 0 };
const ALL = { after: 0, limit: 1000, notBefore: 0 };

function commit(room: string, epoch: number, cmid: string, from = A): CommitInput {
  return { room, from, cmid, ts: 1_700_000_000_000, epoch, payload: bytes(`commit ${cmid}`) };
}

/** The delivery-service behaviour every Storage must have [P-DS*]; called by storageContract. */
export function mlsStorageContract(
  name: string,
  makeStorage: StorageFactory,
  newPlace: () => string,
): void {
  describe(`Storage contract (MLS delivery service): ${name}`, () => {
    const make = contractStorages(makeStorage, newPlace);

    it('[P-DS1] commits and app messages share the gap-free seq; history shows kind and epoch', async () => {
      const s = await make();
      expect(await s.epoch('r')).toBe(0);
      await s.append({ room: 'r', from: A, cmid: 'app-0001', ts: 1, payload: bytes('hi') });
      const c = await s.appendCommit(commit('r', 0, 'commit-01'));
      expect(c).toMatchObject({ ok: true, seq: 2, duplicate: false, epoch: 1 });
      await s.append({ room: 'r', from: B, cmid: 'app-0002', ts: 2, payload: bytes('yo') });
      expect(await s.epoch('r')).toBe(1);
      const page = await s.history('r', { limit: 10 });
      expect(page.messages.map((m) => [m.seq, m.kind, m.epoch])).toEqual([
        [1, 'app', undefined],
        [2, 'commit', 0],
        [3, 'app', undefined],
      ]);
      expect(text(page.messages[1]!.payload)).toBe('commit commit-01');
    });

    it('[P-DS1] exactly one of two concurrent commits for an epoch is stored', async () => {
      const s = await make();
      const [x, y] = await Promise.all([
        s.appendCommit(commit('r', 0, 'commit-x1', A)),
        s.appendCommit(commit('r', 0, 'commit-y1', B)),
      ]);
      expect([x!.ok, y!.ok].sort()).toEqual([false, true]);
      // Two claims of a new room: the loser is no member of the room the winner claimed. [P-MEM3]
      const loser = x!.ok ? y! : x!;
      expect(loser).toEqual({ ok: false, reason: 'not-member' });
      expect(await s.epoch('r')).toBe(1);
      expect(await s.head('r')).toBe(1);
      const winner = x!.ok ? A : B;
      expect(await s.appendCommit(commit('r', 5, 'commit-z1', winner))).toEqual({
        ok: false,
        reason: 'epoch',
        epoch: 1,
      });
      expect((await s.appendCommit(commit('r', 1, 'commit-z1', winner))).ok).toBe(true);
    });

    it('[P-DS1] a resent commit (same cmid) is a duplicate, not a conflict', async () => {
      const s = await make();
      const first = await s.appendCommit(commit('r', 0, 'commit-01'));
      const again = await s.appendCommit(commit('r', 0, 'commit-01'));
      expect(again).toMatchObject({ ok: true, duplicate: true, seq: 1 });
      expect(first.ok && again.ok && again.ts === first.ts).toBe(true);
      expect(await s.epoch('r')).toBe(1);
    });

    it('[P-DS3] [P-DS4] a Welcome lands in each recipient inbox with the commit, survives reopen, ack deletes', async () => {
      const place = newPlace();
      const s = await make(place);
      const result = await s.appendCommit({
        ...commit('r', 0, 'commit-01'),
        welcome: { to: [B, C, B], data: bytes('welcome') },
      });
      expect(result.ok && result.welcomeIds.map((w) => w.to)).toEqual([B, C]);
      await s.close();
      const reopened = await make(place);
      const inboxB = await reopened.inbox(B, ALL);
      expect(inboxB.map((i) => [i.room, i.from, text(i.data)])).toEqual([['r', A, 'welcome']]);
      expect(await reopened.inbox(A, ALL)).toEqual([]);
      expect(await reopened.deleteInboxItem(C, inboxB[0]!.id)).toBe(false); // not C's item
      expect(await reopened.deleteInboxItem(B, inboxB[0]!.id)).toBe(true);
      expect(await reopened.inbox(B, ALL)).toEqual([]);
      expect((await reopened.inbox(C, ALL)).map((i) => text(i.data))).toEqual(['welcome']);
    });

    it('[P-DS3] a conflicting commit stores no Welcome', async () => {
      const s = await make();
      await s.appendCommit(commit('r', 0, 'commit-01'));
      const lost = await s.appendCommit({
        ...commit('r', 0, 'commit-02'),
        welcome: { to: [B], data: bytes('w') },
      });
      expect(lost.ok).toBe(false);
      expect(await s.inbox(B, ALL)).toEqual([]);
    });

    it('[P-DS2] KeyPackages: counted, capped atomically, claimed once, oldest first', async () => {
      const s = await make();
      expect(await s.putKeyPackages(A, [bytes('kp1'), bytes('kp2')], 3)).toEqual({
        stored: true,
        count: 2,
        lastResort: false,
      });
      expect(await s.putKeyPackages(A, [bytes('kp3'), bytes('kp4')], 3)).toEqual({
        stored: false,
        count: 2,
        lastResort: false,
      });
      expect(await s.putKeyPackages(A, [], 3)).toEqual({
        stored: true,
        count: 2,
        lastResort: false,
      });
      const claims = await Promise.all([
        s.claimKeyPackage(A),
        s.claimKeyPackage(A),
        s.claimKeyPackage(A),
      ]);
      expect(claims.map((c) => c && text(c.data))).toEqual(['kp1', 'kp2', undefined]);
      expect(await s.claimKeyPackage(B)).toBeUndefined();
      expect((await s.putKeyPackages(A, [], 3)).count).toBe(0);
    });

    it('[P-DS5] [P-DS6] join requests: stored, replaced per requester, capped, taken once', async () => {
      const s = await make();
      const req = (from: string, room = 'r', kp = 'kp') => ({
        room,
        from,
        keyPackage: bytes(kp),
        ts: 7,
        network: '192.0.2.1',
      });
      const first = await s.addJoinRequest(
        { ...req(A), mac: bytes('mac'), info: bytes('i') },
        caps,
      );
      const replaced = await s.addJoinRequest(req(A, 'r', 'kp-new'), caps);
      expect(first.ok && replaced.ok && replaced.id !== first.id).toBe(true);
      const pending = await s.joinRequests('r', 0);
      expect(pending.map((p) => [p.from, text(p.keyPackage), p.mac])).toEqual([
        [A, 'kp-new', undefined],
      ]);
      await s.addJoinRequest(req(B), caps);
      await s.addJoinRequest(req(C), caps);
      expect(await s.addJoinRequest(req('D'.repeat(43)), caps)).toEqual({
        ok: false,
        full: 'room',
      });
      await s.addJoinRequest(req(A, 'r2'), caps);
      expect(await s.addJoinRequest(req(A, 'r3'), caps)).toEqual({ ok: false, full: 'client' });
      const id = pending[0]!.id;
      const [taken, again] = await Promise.all([
        s.takeJoinRequest('r', id, 0),
        s.takeJoinRequest('r', id, 0),
      ]);
      expect(taken?.from).toBe(A);
      expect(again).toBeUndefined();
      expect(await s.takeJoinRequest('r2', id, 0)).toBeUndefined();
      expect((await s.joinRequests('r', 0)).map((p) => p.from)).toEqual([B, C]);
    });

    it('[P-PAKE1] a password join request keeps its CPace share, and no MAC', async () => {
      const s = await make();
      const caps = { perRoom: 5, perClient: 5, perNetwork: 5, notBefore: 0 };
      const share = bytes('s'.repeat(48));
      await s.addJoinRequest(
        { room: 'r', from: A, keyPackage: bytes('kp'), pake: share, ts: 1, network: '192.0.2.1' },
        caps,
      );
      const [stored] = await s.joinRequests('r', 0);
      expect(stored?.pake && text(stored.pake)).toBe('s'.repeat(48));
      expect(stored?.mac).toBeUndefined();
      expect((await s.takeJoinRequest('r', stored!.id, 0))?.pake).toEqual(share);
    });
  });
}
