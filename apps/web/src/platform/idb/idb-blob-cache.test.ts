import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IdbBlobCache } from './idb-blob-cache.ts';

describe('IdbBlobCache', () => {
  it('keeps blobs by hash across reads and answers undefined for unknown ones', async () => {
    const bytes = new Uint8Array([1, 2, 3, 250]);
    await IdbBlobCache.put('h1', bytes);
    expect(await IdbBlobCache.get('h1')).toEqual(bytes);
    expect(await IdbBlobCache.get('nope')).toBeUndefined();
  });

  it('stores a copy, so later changes to the caller’s buffer do not leak in', async () => {
    const bytes = new Uint8Array([9, 9]);
    await IdbBlobCache.put('h2', bytes);
    bytes[0] = 0;
    expect(await IdbBlobCache.get('h2')).toEqual(new Uint8Array([9, 9]));
  });
});
