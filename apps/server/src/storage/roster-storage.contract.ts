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
  });
}
