import { afterEach } from 'vitest';
import type { Storage, StorageFactory } from './storage.ts';

/**
 * For a contract suite (call inside its describe): opens a Storage per call, in a new
 * place unless one is given, and closes every one after each test.
 */
export function contractStorages(
  makeStorage: StorageFactory,
  newPlace: () => string,
): (place?: string) => Promise<Storage> {
  const open: Storage[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return async (place = newPlace()) => {
    const storage = await makeStorage(place);
    open.push(storage);
    return storage;
  };
}
