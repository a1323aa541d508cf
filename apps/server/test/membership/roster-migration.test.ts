import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { listMigrations, MIGRATIONS_DIR, migrate } from '../../src/storage/sqlite/migrate.ts';
import { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.ts';

const root = mkdtempSync(join(tmpdir(), 'yam-rosters-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const [A, B, C, D, E, F] = ['A', 'B', 'C', 'D', 'E', 'F'].map((c) => c.repeat(43)) as [
  string,
  string,
  string,
  string,
  string,
  string,
];

describe('migration 0004-rosters', () => {
  it('[P-MEM6] builds the roster of existing rooms from their log and pending Welcomes', async () => {
    const migrations = listMigrations(MIGRATIONS_DIR);
    const rosters = migrations.find((m) => m.file.endsWith('-rosters.sql'))!;
    expect(rosters).toBeDefined();
    // The database as the previous release left it.
    const older = join(root, 'older');
    mkdirSync(older);
    for (const m of migrations.filter((m) => m.version < rosters.version)) {
      copyFileSync(m.file, join(older, basename(m.file)));
    }
    const file = join(root, 'yam.db');
    const db = new DatabaseSync(file);
    migrate(db, older);
    const log = db.prepare(
      'INSERT INTO messages (room, seq, client_id, cmid, ts, payload, kind, epoch) VALUES (?, ?, ?, ?, 1, ?, ?, ?)',
    );
    // Room r: A created it, B wrote, C committed later, D has a Welcome waiting.
    log.run('r', 1, A, 'cmid-0001', new Uint8Array([1]), 'commit', 0);
    log.run('r', 2, B, 'cmid-0002', new Uint8Array([1]), 'app', null);
    log.run('r', 3, C, 'cmid-0003', new Uint8Array([1]), 'commit', 1);
    db.prepare("INSERT INTO rooms (room, head, epoch) VALUES ('r', 3, 2), ('s', 1, 0)").run();
    const { id } = db
      .prepare(
        "INSERT INTO welcomes (room, from_id, data, ts) VALUES ('r', ?, x'01', 1) RETURNING id",
      )
      .get(C) as { id: number };
    db.prepare('INSERT INTO inbox (client_id, welcome_id) VALUES (?, ?)').run(D, id);
    // Room s: from before MLS, app messages only.
    log.run('s', 1, E, 'cmid-0001', new Uint8Array([1]), 'app', null);
    // F only ever asked to join r: not a member.
    db.prepare(
      "INSERT INTO join_requests (room, client_id, key_package, ts) VALUES ('r', ?, x'01', 1)",
    ).run(F);
    db.close();

    const storage = new SqliteStorage(file); // runs the newer migrations
    try {
      expect(await storage.roster('r')).toEqual([
        { clientId: A, role: 'owner' },
        { clientId: B, role: 'member' },
        { clientId: C, role: 'member' },
        { clientId: D, role: 'member' },
      ]);
      expect(await storage.roster('s')).toEqual([{ clientId: E, role: 'member' }]);
      expect(await storage.isMember('r', F)).toBe(false);
      // The migrated roster is enforced like any other: F cannot commit, C can.
      const commit = (from: string, cmid: string) =>
        storage.appendCommit({
          room: 'r',
          from,
          cmid,
          ts: 2,
          epoch: 2,
          payload: new Uint8Array([2]),
        });
      expect(await commit(F, 'cmid-f001')).toEqual({ ok: false, reason: 'not-member' });
      expect((await commit(C, 'cmid-c001')).ok).toBe(true);
    } finally {
      await storage.close();
    }
  });
});
