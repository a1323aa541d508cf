import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { profileStorageContract } from '../../src/storage/profile-storage.contract.ts';
import { listMigrations, MIGRATIONS_DIR, migrate } from '../../src/storage/sqlite/migrate.ts';
import { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.ts';

const root = mkdtempSync(join(tmpdir(), 'yam-profiles-'));
let n = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

profileStorageContract(
  'SqliteStorage',
  (file) => new SqliteStorage(file),
  () => join(root, `db-${++n}`, 'yam.db'),
);

describe('migration 0003-profiles', () => {
  it('adds the profiles table to a database at version 2 and keeps its messages', () => {
    const migrations = listMigrations(MIGRATIONS_DIR);
    const profiles = migrations.find((m) => m.file.endsWith('-profiles.sql'));
    expect(profiles).toBeDefined();
    // The database as the previous release left it: every migration before this one.
    const older = join(root, 'older-migrations');
    mkdirSync(older);
    for (const m of migrations.filter((m) => m.version < profiles!.version)) {
      copyFileSync(m.file, join(older, basename(m.file)));
    }
    const db = new DatabaseSync(':memory:');
    migrate(db, older);
    db.prepare("INSERT INTO rooms (room, head) VALUES ('r', 1)").run();
    db.prepare(
      "INSERT INTO messages (room, seq, client_id, cmid, ts, payload) VALUES ('r', 1, 'c', 'cmid-0001', 1, x'01')",
    ).run();
    expect(migrate(db)).toBe(migrations.length);
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 1 });
    db.prepare(
      "INSERT INTO profiles (room, client_id, data, updated_at) VALUES ('r', 'c', x'02', 1)",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO profiles (room, client_id, data, updated_at) VALUES ('r', 'c', x'03', 2)",
        )
        .run(),
    ).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });
});
