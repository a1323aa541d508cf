import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

  it('0001 creates rooms and messages and sets user_version', () => {
    const db = new DatabaseSync(':memory:');
    expect(migrate(db)).toBe(listMigrations(MIGRATIONS_DIR).length);
    expect(version(db)).toBe(1);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all();
    expect(tables.map((t) => t.name)).toEqual(['messages', 'rooms']);
    db.close();
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
    expect(migrate(db)).toBe(1);
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
});
