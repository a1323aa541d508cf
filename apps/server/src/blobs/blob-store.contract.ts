import { afterEach, describe, expect, it } from 'vitest';
import { type BlobLimits, type BlobStore, blobHash } from './blob-store.ts';

const LIMITS: BlobLimits = {
  quotaBytes: 1000,
  ipQuotaBytes: 1500,
  diskBudgetBytes: 2500,
  ttlMs: 60_000,
};
const NOW = 1_700_000_000_000;
const A = 'A'.repeat(43);
const B = 'B'.repeat(43);
const C = 'C'.repeat(43);
const blob = (size: number, seed: number) =>
  new Uint8Array(size).map((_, i) => (i * 7 + seed) % 256);

/** The behaviour every BlobStore must have [P-BLOB1] [P-BLOB2] [P-BLOB3]; run once per implementation. */
export function blobStoreContract(
  name: string,
  makeStore: (limits: BlobLimits) => Promise<BlobStore>,
): void {
  describe(`BlobStore contract: ${name}`, () => {
    const open: BlobStore[] = [];
    const make = async (limits = LIMITS) => {
      const store = await makeStore(limits);
      open.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    it('[P-BLOB1] [P-BLOB2] stores bytes under their SHA-256 and returns them unchanged', async () => {
      const s = await make();
      const data = blob(300, 1);
      expect(await s.put(A, '10.0.0.1', data, NOW)).toEqual({
        ok: true,
        hash: blobHash(data),
        size: 300,
      });
      expect([...((await s.get(blobHash(data), NOW + 1)) ?? [])]).toEqual([...data]);
      expect(await s.get(blobHash(blob(10, 9)), NOW)).toBeUndefined();
    });

    it('[P-BLOB2] a malformed hash finds nothing', async () => {
      const s = await make();
      await s.put(A, '10.0.0.1', blob(10, 1), NOW);
      for (const bad of ['', '../etc/passwd', 'x'.repeat(44), `${'a'.repeat(42)}%`]) {
        expect(await s.get(bad, NOW)).toBeUndefined();
      }
    });

    it('[P-BLOB1] an owner is charged against its quota; the same bytes again cost nothing', async () => {
      const s = await make();
      expect((await s.put(A, '10.0.0.1', blob(600, 1), NOW)).ok).toBe(true);
      expect(await s.put(A, '10.0.0.1', blob(600, 2), NOW)).toEqual({ ok: false, reason: 'quota' });
      expect((await s.put(A, '10.0.0.1', blob(600, 1), NOW)).ok).toBe(true);
      expect((await s.put(A, '10.0.0.1', blob(400, 3), NOW)).ok).toBe(true);
      // Another owner uploading A's bytes is not charged either.
      expect((await s.put(B, '10.0.0.2', blob(600, 1), NOW)).ok).toBe(true);
      expect((await s.put(B, '10.0.0.2', blob(1000, 4), NOW)).ok).toBe(true);
    });

    it('[P-BLOB3] an IP is capped over any number of owners; another IP still stores', async () => {
      const s = await make();
      expect((await s.put(A, '10.0.0.1', blob(800, 1), NOW)).ok).toBe(true);
      expect((await s.put(B, '10.0.0.1', blob(600, 2), NOW)).ok).toBe(true);
      expect(await s.put(C, '10.0.0.1', blob(200, 3), NOW)).toEqual({ ok: false, reason: 'quota' });
      expect((await s.put(C, '10.0.0.2', blob(200, 3), NOW)).ok).toBe(true);
    });

    it('[P-BLOB3] past everyone’s budget a new blob is refused as full; known bytes still pass', async () => {
      const s = await make();
      const known = blob(900, 1);
      expect((await s.put(A, '10.0.0.1', known, NOW)).ok).toBe(true);
      expect((await s.put(B, '10.0.0.2', blob(900, 2), NOW)).ok).toBe(true);
      expect(await s.put(C, '10.0.0.3', blob(900, 3), NOW)).toEqual({ ok: false, reason: 'full' });
      expect((await s.put(C, '10.0.0.3', known, NOW)).ok).toBe(true);
    });

    it('[P-BLOB1] a blob expires ttl after its last upload; expired bytes count for nobody', async () => {
      const s = await make();
      const data = blob(900, 1);
      await s.put(A, '10.0.0.1', data, NOW);
      // Uploaded again later: expiry moves on.
      await s.put(B, '10.0.0.2', data, NOW + 50_000);
      expect(await s.get(blobHash(data), NOW + 100_000)).toBeDefined();
      expect(await s.get(blobHash(data), NOW + 110_000)).toBeUndefined();
      expect((await s.put(A, '10.0.0.1', blob(900, 2), NOW + 110_000)).ok).toBe(true);
    });

    it('[P-BLOB1] concurrent uploads by one owner never pass its quota together', async () => {
      const s = await make();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => s.put(A, '10.0.0.1', blob(300, i), NOW)),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(3);
    });
  });
}
