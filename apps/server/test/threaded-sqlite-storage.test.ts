import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

describe('ThreadedSqliteStorage on its thread', () => {
  it('fails to open where SQLite cannot (the server then fails to start)', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a folder');
    await expect(ThreadedSqliteStorage.open(join(file, 'yam.db'))).rejects.toThrow(
      /ENOTDIR|EEXIST/,
    );
  });

  it('answers after COMMIT, and refuses calls once closed', async () => {
    const file = join(root, `db-${++n}`, 'yam.db');
    const storage = await ThreadedSqliteStorage.open(file);
    const input = { room: 'r', from: 'c', cmid: 'cmid-0001', ts: 1, payload: Buffer.from('x') };
    expect(await storage.append(input)).toEqual({ seq: 1, ts: 1, duplicate: false });
    await storage.close();
    await expect(storage.head('r')).rejects.toThrow(/closed/);
    // What was acked is on disk: another storage on the file reads it back.
    const again = await ThreadedSqliteStorage.open(file);
    expect((await again.history('r', { limit: 10, after: 0 })).messages).toHaveLength(1);
    await again.close();
  });
});
