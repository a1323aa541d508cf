import { describe, expect, it } from 'vitest';
import { contractStorages } from './contract-storages.ts';
import type { CommitInput, StorageFactory } from './storage.ts';

const A = 'A'.repeat(43);
const B = 'B'.repeat(43);
const C = 'C'.repeat(43);

function commit(epoch: number, cmid: string, from: string, extra: Partial<CommitInput> = {}) {
  const payload = new TextEncoder().encode(cmid);
  return { room: 'r', from, cmid, ts: 1, epoch, payload, ...extra };
}
const welcome = (...to: string[]) => ({ welcome: { to, data: new Uint8Array([1]) } });

/** The roster every Storage keeps from the commits it stores [P-MEM1] [P-MEM3]; called by storageContract. */
export function rosterStorageContract(
  name: string,
  makeStorage: StorageFactory,
  newPlace: () => string,
): void {
  describe(`Storage contract (rosters): ${name}`, () => {
    const make = contractStorages(makeStorage, newPlace);

    it('[P-MEM1] the first commit claims the room for its sender; Welcome recipients join with their commit', async () => {
      const s = await make();
      expect(await s.roster('r')).toEqual([]);
      expect(await s.isMember('r', A)).toBe(false);
      expect((await s.appendCommit(commit(0, 'claim-001', A, welcome(C)))).ok).toBe(true);
      expect(await s.roster('r')).toEqual([
        { clientId: A, role: 'owner' },
        { clientId: C, role: 'member' },
      ]);
      expect(await s.isMember('r', C)).toBe(true);
      expect(await s.isMember('other', A)).toBe(false);
    });

    it('[P-MEM1] declared removes leave the roster, in the same transaction as the commit, and survive reopen', async () => {
      const place = newPlace();
      const s = await make(place);
      await s.appendCommit(commit(0, 'claim-001', A, welcome(B, C)));
      const result = await s.appendCommit(
        commit(1, 'remove-01', A, { removes: [B, B, 'X'.repeat(43)] }),
      );
      expect(result).toMatchObject({ ok: true, removed: [B] });
      await s.close();
      const reopened = await make(place);
      expect((await reopened.roster('r')).map((m) => m.clientId)).toEqual([A, C]);
    });

    it('[P-MEM3] a non-member commits nothing: no log entry, no epoch, no Welcome, no roster change', async () => {
      const s = await make();
      await s.appendCommit(commit(0, 'claim-001', A));
      const refused = await s.appendCommit(
        commit(1, 'garbage-1', B, { ...welcome(C), removes: [A] }),
      );
      expect(refused).toEqual({ ok: false, reason: 'not-member' });
      expect(await s.epoch('r')).toBe(1);
      expect(await s.head('r')).toBe(1);
      expect(await s.inbox(C, { after: 0, limit: 100, notBefore: 0 })).toEqual([]);
      expect((await s.roster('r')).map((m) => m.clientId)).toEqual([A]);
      // A removed member is a non-member from then on.
      await s.appendCommit(commit(1, 'add-bob-1', A, welcome(B)));
      await s.appendCommit(commit(2, 'rm-bob-01', A, { removes: [B] }));
      expect(await s.appendCommit(commit(3, 'bob-again', B))).toEqual({
        ok: false,
        reason: 'not-member',
      });
    });

    it('[P-MEM3] a room that everyone left cannot be claimed again', async () => {
      const s = await make();
      await s.appendCommit(commit(0, 'claim-001', A));
      await s.appendCommit(commit(1, 'leave-001', A, { removes: [A] }));
      expect(await s.roster('r')).toEqual([]);
      expect(await s.appendCommit(commit(0, 'claim-002', B))).toEqual({
        ok: false,
        reason: 'not-member',
      });
    });

    it('[P-MEM7] a commit declares its roster change to whoever reads it from the log', async () => {
      const s = await make();
      await s.appendCommit(commit(0, 'claim-001', A, welcome(B, C)));
      await s.appendCommit(commit(1, 'remove-01', A, { removes: [C] }));
      const { messages } = await s.history('r', { after: 0, limit: 10 });
      expect(messages.map((m) => [m.adds, m.removes])).toEqual([
        [[B, C], []],
        [[], [C]],
      ]);
    });

    it('[P-MEM7] `voids` voids the live commit of that epoch and all after it, undoing their roster changes', async () => {
      const place = newPlace();
      const s = await make(place);
      await s.appendCommit(commit(0, 'claim-001', A, welcome(B)));
      // B's bad commit at epoch 1 removes A and adds C; a second one at epoch 2 removes nobody real.
      const bad = await s.appendCommit(commit(1, 'bad-0001', B, { ...welcome(C), removes: [A] }));
      expect(bad).toMatchObject({ ok: true, seq: 2, removed: [A] });
      await s.appendCommit(commit(2, 'bad-0002', C, { removes: [B] }));
      expect((await s.roster('r')).map((m) => m.clientId)).toEqual([C]);
      // A, put out by the bad commit, may void it: membership counts as it was before it.
      // D, who was never in, may not.
      expect(await s.appendCommit(commit(1, 'fix-0001', 'D'.repeat(43), { voids: 2 }))).toEqual({
        ok: false,
        reason: 'not-member',
      });
      const fix = await s.appendCommit(commit(1, 'fix-0002', A, { voids: 2 }));
      expect(fix).toMatchObject({ ok: true, seq: 4, epoch: 2 });
      // Undone newest first: B back (bad-0002), then C out and A back as owner (bad-0001).
      expect(await s.roster('r')).toEqual([
        { clientId: A, role: 'owner' },
        { clientId: B, role: 'member' },
      ]);
      expect(fix.ok && fix.removed).toEqual([C]);
      // C, added only by the voided commit, is out: it may not void in turn.
      expect(await s.appendCommit(commit(2, 'c-voids-1', C, { voids: 4 }))).toMatchObject({
        ok: false,
      });
      await s.close();
      const reopened = await make(place);
      expect(await reopened.epoch('r')).toBe(2);
    });

    it('[P-MEM7] a void of a commit of another epoch, a voided one, or the claim is refused as an epoch conflict', async () => {
      const s = await make();
      await s.appendCommit(commit(0, 'claim-001', A, welcome(B)));
      await s.appendCommit(commit(1, 'bad-0001', B));
      const conflict = { ok: false, reason: 'epoch', epoch: 2 };
      expect(await s.appendCommit(commit(2, 'wrong-ep', A, { voids: 2 }))).toEqual(conflict);
      expect(await s.appendCommit(commit(0, 'no-claim', A, { voids: 1 }))).toEqual(conflict);
      expect(await s.appendCommit(commit(1, 'not-seq1', A, { voids: 99 }))).toEqual(conflict);
      expect((await s.appendCommit(commit(1, 'fix-0001', A, { voids: 2 }))).ok).toBe(true);
      expect(await s.appendCommit(commit(1, 'fix-again', B, { voids: 2 }))).toEqual(conflict);
    });
  });
}
