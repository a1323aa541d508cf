import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';

/** The folder of numbered migrations shipped with the server. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

const FILE = /^(\d{4})-[a-z0-9-]+\.sql$/;

export type Migration = { version: number; file: string };

/** Migrations in a folder, ordered by their number; numbers must be 1, 2, 3... */
export function listMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: FILE.exec(file) }))
    .filter((m) => m.match)
    .map((m) => ({ version: Number(m.match![1]), file: join(dir, m.file) }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration numbers must be 1..n: ${m.file}`);
  });
  return migrations;
}

/**
 * Applies the migrations newer than the database's `user_version`, each in its own
 * transaction together with the version bump, so a crash never leaves half a migration.
 * Returns the resulting version.
 */
export function migrate(db: DatabaseSync, dir: string = MIGRATIONS_DIR): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  let version = row.user_version;
  for (const migration of listMigrations(dir)) {
    if (migration.version <= version) continue;
    const sql = readFileSync(migration.file, 'utf8');
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(sql);
      db.exec(`PRAGMA user_version = ${migration.version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
    version = migration.version;
  }
  return version;
}
