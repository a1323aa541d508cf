import { describe, expect, it } from 'vitest';
import type { SecretStore } from './secret-store.ts';

/** The behaviour every SecretStore must have; run it against each implementation. */
export function secretStoreContract(name: string, open: () => Promise<SecretStore>): void {
  describe(`SecretStore contract: ${name}`, () => {
    it('[SEC-STORE1] put then get returns equal bytes; missing keys are undefined', async () => {
      const store = await open();
      await store.put('group', 'room-a', Uint8Array.of(1, 2, 3));
      expect(await store.get('group', 'room-a')).toEqual(Uint8Array.of(1, 2, 3));
      expect(await store.get('group', 'room-b')).toBeUndefined();
      // Kinds are separate name spaces.
      expect(await store.get('room', 'room-a')).toBeUndefined();
    });

    it('[SEC-STORE2] put replaces, delete removes', async () => {
      const store = await open();
      await store.put('invite', 'r\n1', Uint8Array.of(1));
      await store.put('invite', 'r\n1', Uint8Array.of(2));
      expect(await store.get('invite', 'r\n1')).toEqual(Uint8Array.of(2));
      await store.delete('invite', 'r\n1');
      expect(await store.get('invite', 'r\n1')).toBeUndefined();
      await store.delete('invite', 'never-there');
    });

    it('[SEC-STORE3] list returns one kind, filtered by prefix, ordered by key', async () => {
      const store = await open();
      await store.put('opened', 'r2\nb', Uint8Array.of(3));
      await store.put('opened', 'r1\nb', Uint8Array.of(2));
      await store.put('opened', 'r1\na', Uint8Array.of(1));
      await store.put('group', 'r1\nz', Uint8Array.of(9));
      expect(await store.list('opened', 'r1\n')).toEqual([
        { key: 'r1\na', value: Uint8Array.of(1) },
        { key: 'r1\nb', value: Uint8Array.of(2) },
      ]);
      expect((await store.list('opened')).map((e) => e.key)).toEqual(['r1\na', 'r1\nb', 'r2\nb']);
    });

    it('[SEC-STORE5] getMany answers in the order asked; putMany puts every entry', async () => {
      const store = await open();
      expect(await store.getMany('opened', [])).toEqual([]);
      await store.putMany('opened', [
        { key: 'r\n1', value: Uint8Array.of(1) },
        { key: 'r\n2', value: Uint8Array.of(2) },
      ]);
      await store.putMany('opened', []);
      await store.put('room', 'r\n3', Uint8Array.of(3));
      expect(await store.getMany('opened', ['r\n2', 'r\n3', 'r\n1'])).toEqual([
        Uint8Array.of(2),
        undefined,
        Uint8Array.of(1),
      ]);
      await store.putMany('opened', [{ key: 'r\n1', value: Uint8Array.of(9) }]);
      expect(await store.get('opened', 'r\n1')).toEqual(Uint8Array.of(9));
    });

    it('[SEC-STORE4] stored bytes are copies: later changes to the input do not leak in', async () => {
      const store = await open();
      const value = Uint8Array.of(7, 7);
      await store.put('keyPackage', 'k', value);
      value[0] = 0;
      expect(await store.get('keyPackage', 'k')).toEqual(Uint8Array.of(7, 7));
    });
  });
}
