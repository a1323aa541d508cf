import { describe, expect, it } from 'vitest';
import { contractStorages } from './contract-storages.ts';
import type { StorageFactory } from './storage.ts';

const A = 'A'.repeat(43);
const B = 'B'.repeat(43);
const bytes = (text: string) => new TextEncoder().encode(text);

/** The profile-record behaviour every Storage must have; run it once per implementation. */
export function profileStorageContract(
  name: string,
  makeStorage: StorageFactory,
  newPlace: () => string,
): void {
  describe(`Storage contract (profiles): ${name}`, () => {
    const make = contractStorages(makeStorage, newPlace);

    it('[P-PROF2] a first record is written, the same bytes again are not, changed bytes are', async () => {
      const s = await make();
      expect(await s.getProfile('r', A)).toBeUndefined();
      expect(await s.putProfile('r', A, bytes('v1'))).toBe(true);
      expect(await s.putProfile('r', A, bytes('v1'))).toBe(false);
      expect(await s.putProfile('r', A, bytes('v2'))).toBe(true);
      expect(Buffer.from((await s.getProfile('r', A))!).toString()).toBe('v2');
    });

    it('[P-PROF1] records are kept per (room, client)', async () => {
      const s = await make();
      await s.putProfile('r1', A, bytes('a-in-r1'));
      await s.putProfile('r2', A, bytes('a-in-r2'));
      await s.putProfile('r1', B, bytes('b-in-r1'));
      expect(Buffer.from((await s.getProfile('r1', A))!).toString()).toBe('a-in-r1');
      expect(Buffer.from((await s.getProfile('r2', A))!).toString()).toBe('a-in-r2');
      expect(Buffer.from((await s.getProfile('r1', B))!).toString()).toBe('b-in-r1');
      expect(await s.getProfile('r2', B)).toBeUndefined();
    });

    it('[P-PROF1] a stored record survives reopening', async () => {
      const place = newPlace();
      const first = await make(place);
      await first.putProfile('r', A, bytes('kept'));
      await first.close();
      const again = await make(place);
      expect(Buffer.from((await again.getProfile('r', A))!).toString()).toBe('kept');
      expect(await again.putProfile('r', A, bytes('kept'))).toBe(false);
    });
  });
}
