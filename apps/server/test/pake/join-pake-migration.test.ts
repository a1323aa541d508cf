import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { listMigrations, MIGRATIONS_DIR, migrate } from '../../src/storage/sqlite/migrate.ts';
import { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.ts';

const root = mkdtempSync(join(tmpdir(), 'yam-join-pake-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const [A, B] = ['A'.repeat(43), 'B'.repeat(43)];

describe('migration 0006-join-pake', () => {
  it('[P-PAKE1] drops pending requests that hold a MAC (maybe password-keyed) and keeps the rest', async () => {
    const migrations = listMigrations(MIGRATIONS_DIR);
    const pake = migrations.find((m) => m.file.endsWith('-join-pake.sql'))!;
    expect(pake).toBeDefined();
    const older = join(root, 'older');
    mkdirSync(older);
    for (const m of migrations.filter((m) => m.version < pake.version)) {
      copyFileSync(m.file, join(older, basename(m.file)));
    }
    const file = join(root, 'yam.db');
    const db = new DatabaseSync(file);
    migrate(db, older);
    const insert = db.prepare(
      "INSERT INTO join_requests (room, client_id, key_package, mac, ts) VALUES ('r', ?, x'01', ?, 1)",
    );
    insert.run(A, new Uint8Array(32).fill(7)); // a join MAC: maybe keyed by the room password
    insert.run(B, null); // asked without any proof: waits for a member's Accept
    db.close();
    const storage = new SqliteStorage(file); // applies 0006 (and later)
    const pending = await storage.joinRequests('r', 0);
    expect(pending.map((p) => [p.from, p.mac, p.pake])).toEqual([[B, undefined, undefined]]);
    await storage.close();
  });
});
