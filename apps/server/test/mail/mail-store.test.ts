import { describe, it } from 'vitest';
import { mailStoreContract } from '../../src/mail/mail-store.contract.ts';
import { PostgresMailStore } from '../../src/mail/postgres-mail-store.ts';
import { SqliteMailStore } from '../../src/mail/sqlite-mail-store.ts';
import { PG_TEST_URL, pgAvailable, pgTestSchemas } from '../postgres/pg-test-place.ts';

mailStoreContract('SqliteMailStore', () => new SqliteMailStore(':memory:'));

const available = await pgAvailable();
const newSchema = pgTestSchemas();
if (available) {
  mailStoreContract('PostgresMailStore', () =>
    PostgresMailStore.open({ url: PG_TEST_URL, schema: newSchema(), max: 2 }),
  );
} else {
  describe.skip('MailStore contract: PostgresMailStore (no database)', () =>
    it('skipped', () => {}));
}
