import { describe, it } from 'vitest';
import { PostgresStorage } from '../../src/storage/postgres/postgres-storage.ts';
import { profileStorageContract } from '../../src/storage/profile-storage.contract.ts';
import { storageContract } from '../../src/storage/storage.contract.ts';
import { PG_TEST_URL, pgAvailable, pgTestSchemas } from './pg-test-place.ts';

const available = await pgAvailable();
const newSchema = pgTestSchemas();
const open = (schema: string) => PostgresStorage.open({ url: PG_TEST_URL, schema, max: 4 });

if (available) {
  storageContract('PostgresStorage', open, newSchema);
  profileStorageContract('PostgresStorage', open, newSchema);
} else {
  describe.skip('Storage contract: PostgresStorage (no database)', () => it('skipped', () => {}));
}
