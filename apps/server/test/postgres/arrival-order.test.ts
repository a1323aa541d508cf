import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PostgresStorage } from '../../src/storage/postgres/postgres-storage.ts';
import { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.ts';
import type { Storage } from '../../src/storage/storage.ts';
import { PG_TEST_URL, pgAvailable, pgTestSchemas } from './pg-test-place.ts';

const available = await pgAvailable();
const newSchema = pgTestSchemas();
const root = mkdtempSync(join(tmpdir(), 'yam-order-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const bytes = (text: string) => new TextEncoder().encode(text);
const A = 'A'.repeat(43);

const kinds: [string, () => Promise<Storage>, boolean][] = [
  ['SqliteStorage', async () => new SqliteStorage(join(root, `${Math.random()}`, 'yam.db')), true],
  [
    'PostgresStorage',
    () => PostgresStorage.open({ url: PG_TEST_URL, schema: newSchema(), max: 4 }),
    available,
  ],
];

for (const [name, make, runs] of kinds) {
  describe.skipIf(!runs)(`${name}: one server stores a room's writes in arrival order`, () => {
    let storage: Storage | undefined;
    afterEach(async () => {
      await storage?.close();
    });

    it('[P-SEQ1] [P-DS1] app messages and commits sent without waiting get seqs in the order they came', async () => {
      storage = await make();
      const s = storage;
      await s.appendCommit({
        room: 'r',
        from: A,
        cmid: 'claim',
        ts: 1,
        epoch: 0,
        payload: bytes('c0'),
      });
      const app = (i: number) =>
        s.append({ room: 'r', from: A, cmid: `app-${i}`, ts: 1, payload: bytes(`m${i}`) });
      const commit = (epoch: number) =>
        s.appendCommit({
          room: 'r',
          from: A,
          cmid: `commit-${epoch}`,
          ts: 1,
          epoch,
          payload: bytes('c'),
        });
      const results = await Promise.all([
        app(1),
        app(2),
        commit(1),
        app(3),
        app(4),
        commit(2),
        app(5),
      ]);
      expect(results.map((r) => ('seq' in r ? r.seq : r))).toEqual([2, 3, 4, 5, 6, 7, 8]);
      const page = await s.history('r', { after: 0, limit: 20 });
      expect(page.messages.map((m) => m.cmid)).toEqual([
        'claim',
        'app-1',
        'app-2',
        'commit-1',
        'app-3',
        'app-4',
        'commit-2',
        'app-5',
      ]);
    });
  });
}
