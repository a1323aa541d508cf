import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { blobStoreContract } from '../../src/blobs/blob-store.contract.ts';
import { PostgresBlobStore } from '../../src/blobs/postgres-blob-store.ts';
import { SqliteBlobStore } from '../../src/blobs/sqlite-blob-store.ts';
import { PG_TEST_URL, pgAvailable, pgTestSchemas } from '../postgres/pg-test-place.ts';

const root = mkdtempSync(join(tmpdir(), 'yam-blobs-'));
let n = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

blobStoreContract('SqliteBlobStore', async (limits) => {
  return new SqliteBlobStore(join(root, `db-${++n}`, 'blobs.db'), limits);
});

const available = await pgAvailable();
const newSchema = pgTestSchemas();
if (available) {
  blobStoreContract('PostgresBlobStore', (limits) =>
    PostgresBlobStore.open({ url: PG_TEST_URL, schema: newSchema(), max: 4 }, limits),
  );
} else {
  describe.skip('BlobStore contract: PostgresBlobStore (no database)', () =>
    it('skipped', () => {}));
}
