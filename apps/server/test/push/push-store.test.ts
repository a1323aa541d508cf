import { describe, it } from 'vitest';
import { PostgresPushStore } from '../../src/push/postgres-push-store.ts';
import { pushStoreContract } from '../../src/push/push-store.contract.ts';
import { SqlitePushStore } from '../../src/push/sqlite-push-store.ts';
import { PG_TEST_URL, pgAvailable, pgTestSchemas } from '../postgres/pg-test-place.ts';

pushStoreContract('SqlitePushStore', () => new SqlitePushStore(':memory:'));

const available = await pgAvailable();
const newSchema = pgTestSchemas();
if (available) {
  pushStoreContract('PostgresPushStore', () =>
    PostgresPushStore.open({ url: PG_TEST_URL, schema: newSchema(), max: 2 }),
  );
} else {
  describe.skip('PushStore contract: PostgresPushStore (no database)', () =>
    it('skipped', () => {}));
}
