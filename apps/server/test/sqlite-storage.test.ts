import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SqliteStorage } from '../src/storage/sqlite/sqlite-storage.ts';
import { storageContract } from '../src/storage/storage.contract.ts';

const root = mkdtempSync(join(tmpdir(), 'yam-sqlite-'));
let n = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

storageContract(
  'SqliteStorage',
  (file) => new SqliteStorage(file),
  () => join(root, `db-${++n}`, 'yam.db'),
);
