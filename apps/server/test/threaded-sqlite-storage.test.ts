import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { profileStorageContract } from '../src/storage/profile-storage.contract.ts';
import { ThreadedSqliteStorage } from '../src/storage/sqlite/threaded-sqlite-storage.ts';
import { storageContract } from '../src/storage/storage.contract.ts';

const root = mkdtempSync(join(tmpdir(), 'yam-sqlite-thread-'));
let n = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

storageContract(
  'ThreadedSqliteStorage',
  (file) => new ThreadedSqliteStorage(file),
  () => join(root, `db-${++n}`, 'yam.db'),
);

profileStorageContract(
  'ThreadedSqliteStorage',
  (file) => new ThreadedSqliteStorage(file),
  () => join(root, `profiles-${++n}`, 'yam.db'),
);
