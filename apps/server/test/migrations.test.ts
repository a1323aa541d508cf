import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { listMigrations, MIGRATIONS_DIR, migrate } from '../src/storage/sqlite/migrate.ts';
import { SqliteStorage } from '../src/storage/sqlite/sqlite-storage.ts';

const version = (db: DatabaseSync) =>
  (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;

describe('SQLite migrations', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'yam-migrate-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('the migrations create the tables and set user_version', () => {
    const db = new DatabaseSync(':memory:');
    expect(migrate(db)).toBe(listMigrations(MIGRATIONS_DIR).length);
    expect(version(db)).toBe(listMigrations(MIGRATIONS_DIR).length);
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all();
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'inbox',
        'join_requests',
        'key_packages',
        'messages',
        'rooms',
        'welcomes',
      ]),
    );
    db.close();
  });

  it('[P-DS1] 0002 keeps existing messages as app messages and starts rooms at epoch 0', async () => {
    const only0001 = tempDir();
    copyFileSync(join(MIGRATIONS_DIR, '0001-messages.sql'), join(only0001, '0001-messages.sql'));
    const file = join(tempDir(), 'yam.db');
    const db = new DatabaseSync(file);
    expect(migrate(db, only0001)).toBe(1);
    db.exec("INSERT INTO rooms (room, head) VALUES ('r', 1)");
    db.prepare(
      "INSERT INTO messages (room, seq, client_id, cmid, ts, payload) VALUES ('r', 1, ?, 'cmid-0001', 5, ?)",
    ).run('A'.repeat(43), new Uint8Array([7]));
    db.close();
    const storage = new SqliteStorage(file); // applies 0002
    const [m] = (await storage.history('r', { limit: 10 })).messages;
    expect(m).toMatchObject({ seq: 1, kind: 'app', payload: new Uint8Array([7]) });
    expect(m!.epoch).toBeUndefined();
    expect(await storage.epoch('r')).toBe(0);
    expect(
      (
        await storage.appendCommit({
          room: 'r',
          from: 'A'.repeat(43),
          cmid: 'commit-1',
          ts: 6,
          payload: new Uint8Array([1]),
          epoch: 0,
        })
      ).ok,
    ).toBe(true);
    expect(await storage.head('r')).toBe(2);
    await storage.close();
  });

  it('reopening an up-to-date database applies nothing and keeps the data', async () => {
    const file = join(tempDir(), 'yam.db');
    const first = new SqliteStorage(file);
    await first.append({
      room: 'r',
      from: 'A'.repeat(43),
      cmid: 'cmid-0001',
      ts: 1,
      payload: new Uint8Array([1]),
    });
    await first.close();
    const db = new DatabaseSync(file);
    expect(migrate(db)).toBe(listMigrations(MIGRATIONS_DIR).length);
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 1 });
    db.close();
  });

  it('applies only newer migrations, in order, and a failing one rolls back', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '0001-a.sql'), 'CREATE TABLE a (x INTEGER);');
    const db = new DatabaseSync(':memory:');
    expect(migrate(db, dir)).toBe(1);
    writeFileSync(join(dir, '0002-b.sql'), 'INSERT INTO a VALUES (2); CREATE TABLE b (y INTEGER);');
    expect(migrate(db, dir)).toBe(2);
    expect(db.prepare('SELECT x FROM a').all()).toEqual([{ x: 2 }]);
    writeFileSync(join(dir, '0003-broken.sql'), 'INSERT INTO a VALUES (3); CREATE TABLE a (z);');
    expect(() => migrate(db, dir)).toThrow();
    expect(version(db)).toBe(2);
    expect(db.prepare('SELECT x FROM a').all()).toEqual([{ x: 2 }]);
    db.close();
  });

  it('refuses a gap in the numbering', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '0001-a.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '0003-c.sql'), 'SELECT 1;');
    expect(() => listMigrations(dir)).toThrow(/1\.\.n/);
  });
  it('[P-DS2] [P-DS5] 0008 (doors) keeps KeyPackages one-time and pending join requests pending', async () => {
    const upTo0004 = tempDir();
    for (const m of listMigrations(MIGRATIONS_DIR).filter((m) => m.version <= 4)) {
      copyFileSync(m.file, join(upTo0004, m.file.split('/').at(-1)!));
    }
    const file = join(tempDir(), 'yam.db');
    const db = new DatabaseSync(file);
    expect(migrate(db, upTo0004)).toBe(4);
    const A = 'A'.repeat(43);
    db.prepare('INSERT INTO key_packages (client_id, data) VALUES (?, ?)').run(
      A,
      new Uint8Array([1]),
    );
    db.prepare(
      "INSERT INTO join_requests (room, client_id, key_package, ts) VALUES ('r', ?, ?, ?)",
    ).run(A, new Uint8Array([2]), Date.now());
    db.close();
    const storage = new SqliteStorage(file); // applies 0005..0008
    expect(await storage.claimKeyPackage(A)).toEqual({
      data: new Uint8Array([1]),
      lastResort: false,
    });
    expect(await storage.claimKeyPackage(A)).toBeUndefined();
    expect((await storage.joinRequests('r', 0)).map((j) => j.from)).toEqual([A]);
    await storage.close();
  });
});
