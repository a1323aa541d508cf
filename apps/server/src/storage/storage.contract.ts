import { describe, expect, it } from 'vitest';
import { contractStorages } from './contract-storages.ts';
import { doorsStorageContract } from './doors-storage.contract.ts';
import { mlsStorageContract } from './mls-storage.contract.ts';
import { rosterStorageContract } from './roster-storage.contract.ts';
import type { AppendInput, StorageFactory } from './storage.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const A = 'A'.repeat(43);
const B = 'B'.repeat(43);

function msg(room: string, cmid: string, from = A, text = cmid): AppendInput {
  return { room, from, cmid, ts: 1_700_000_000_000, payload: bytes(text) };
}

/** The behaviour every Storage must have; run it once per implementation. */
export function storageContract(
  name: string,
  makeStorage: StorageFactory,
  newPlace: () => string,
): void {
  describe(`Storage contract: ${name}`, () => {
    const make = contractStorages(makeStorage, newPlace);

    it('[P-SEQ1] append assigns 1, 2, 3 in a new room and head follows', async () => {
      const s = await make();
      expect(await s.head('r')).toBe(0);
      const results = [];
      for (const cmid of ['cmid-001', 'cmid-002', 'cmid-003'])
        results.push(await s.append(msg('r', cmid)));
      expect(results.map((r) => r.seq)).toEqual([1, 2, 3]);
      expect(results.every((r) => !r.duplicate)).toBe(true);
      expect(await s.head('r')).toBe(3);
    });

    it('[P-SEQ1] concurrent appends get gap-free, distinct seqs', async () => {
      const s = await make();
      const results = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          s.append(msg('r', `cmid-${String(i).padStart(4, '0')}`)),
        ),
      );
      const seqs = results.map((r) => r.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
      expect(await s.head('r')).toBe(300);
    });

    it('[P-MSG4] the same cmid from the same client is stored once', async () => {
      const s = await make();
      const first = await s.append(msg('r', 'cmid-same', A, 'one'));
      await s.append(msg('r', 'cmid-other'));
      const again = await s.append({ ...msg('r', 'cmid-same', A, 'two'), ts: 5 });
      expect(again).toEqual({ seq: first.seq, ts: first.ts, duplicate: true });
      const page = await s.history('r', { limit: 10 });
      expect(page.messages.map((m) => m.cmid)).toEqual(['cmid-same', 'cmid-other']);
      expect(new TextDecoder().decode(page.messages[0]!.payload)).toBe('one');
    });

    it('[P-MSG4] a duplicate within one concurrent batch is stored once', async () => {
      const s = await make();
      const [a, b] = await Promise.all([
        s.append(msg('r', 'cmid-same')),
        s.append(msg('r', 'cmid-same')),
      ]);
      expect(a!.seq).toBe(1);
      expect(b).toEqual({ seq: 1, ts: a!.ts, duplicate: true });
      expect(await s.head('r')).toBe(1);
    });

    it('[P-MSG4] the same cmid from another client is a new message', async () => {
      const s = await make();
      const a = await s.append(msg('r', 'cmid-same', A));
      const b = await s.append(msg('r', 'cmid-same', B));
      expect([a.seq, b.seq, b.duplicate]).toEqual([1, 2, false]);
    });

    it('[P-SEQ1] rooms are independent', async () => {
      const s = await make();
      await s.append(msg('r1', 'cmid-001'));
      await s.append(msg('r1', 'cmid-002'));
      const other = await s.append(msg('r2', 'cmid-001'));
      expect(other.seq).toBe(1);
      expect((await s.history('r2', { limit: 10 })).messages.map((m) => m.room)).toEqual(['r2']);
    });

    it('[P-HIST1] after, before and newest pages, ascending, with hasMore', async () => {
      const s = await make();
      for (let i = 1; i <= 10; i++) await s.append(msg('r', `cmid-${String(i).padStart(3, '0')}`));
      const seqs = (p: { messages: { seq: number }[] }) => p.messages.map((m) => m.seq);

      const after = await s.history('r', { after: 3, limit: 4 });
      expect([seqs(after), after.hasMore]).toEqual([[4, 5, 6, 7], true]);
      const afterEnd = await s.history('r', { after: 7, limit: 4 });
      expect([seqs(afterEnd), afterEnd.hasMore]).toEqual([[8, 9, 10], false]);

      const before = await s.history('r', { before: 8, limit: 3 });
      expect([seqs(before), before.hasMore]).toEqual([[5, 6, 7], true]);
      const beforeStart = await s.history('r', { before: 4, limit: 3 });
      expect([seqs(beforeStart), beforeStart.hasMore]).toEqual([[1, 2, 3], false]);

      const newest = await s.history('r', { limit: 4 });
      expect([seqs(newest), newest.hasMore]).toEqual([[7, 8, 9, 10], true]);
      const all = await s.history('r', { limit: 10 });
      expect([seqs(all), all.hasMore]).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], false]);
      const empty = await s.history('nothing-here', { limit: 10 });
      expect(empty).toEqual({ messages: [], hasMore: false });
    });

    it('[P-MSG1] returns the stored fields and payload bytes unchanged', async () => {
      const s = await make();
      const payload = new Uint8Array([0, 1, 2, 253, 254, 255]);
      await s.append({ room: 'r', from: B, cmid: 'cmid-bin1', ts: 42, payload });
      const [m] = (await s.history('r', { limit: 1 })).messages;
      expect({ ...m, payload: [...m!.payload] }).toEqual({
        room: 'r',
        seq: 1,
        from: B,
        cmid: 'cmid-bin1',
        ts: 42,
        payload: [0, 1, 2, 253, 254, 255],
        kind: 'app',
      });
    });

    it('[P-MSG3] acknowledged appends survive close and reopen', async () => {
      const place = newPlace();
      const s = await make(place);
      await Promise.all([s.append(msg('r', 'cmid-001')), s.append(msg('r', 'cmid-002'))]);
      await s.close();
      const reopened = await make(place);
      expect(await reopened.head('r')).toBe(2);
      expect((await reopened.append(msg('r', 'cmid-003'))).seq).toBe(3);
      expect((await reopened.append(msg('r', 'cmid-001'))).duplicate).toBe(true);
    });

    it('close finishes appends that were already accepted', async () => {
      const s = await make();
      const pending = s.append(msg('r', 'cmid-001'));
      await s.close();
      expect((await pending).seq).toBe(1);
    });
  });
  mlsStorageContract(name, makeStorage, newPlace);
  doorsStorageContract(name, makeStorage, newPlace);
  rosterStorageContract(name, makeStorage, newPlace);
}
