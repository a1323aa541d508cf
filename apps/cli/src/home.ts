import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { serverOrigin } from '@yam/protocol';

/** The CLI's own folder: `$YAM_HOME`, default `~/.yam`; created (mode 0700) on first use. */
export function yamHome(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.YAM_HOME || join(homedir(), '.yam');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  return home;
}

/** The SQLite client store of one server: `store-<hash of its origin>.db`. */
export function storePath(home: string, server: string): string {
  const hash = createHash('sha256').update(serverOrigin(server)).digest('hex').slice(0, 16);
  return join(home, `store-${hash}.db`);
}
