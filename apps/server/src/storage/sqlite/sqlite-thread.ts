/**
 * The storage thread's entry (see ThreadedSqliteStorage): owns the SqliteStorage, runs each
 * call it is sent and answers with its result once done, so a write's answer still follows
 * its COMMIT. Calls arriving together share one transaction (SqliteStorage's group commit).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CommitInput, Storage } from '../storage.ts';
import { SqliteStorage } from './sqlite-storage.ts';
import type { StorageCall, StorageReply } from './threaded-sqlite-storage.ts';

const storage = new SqliteStorage((workerData as { file: string }).file);
const port = parentPort!;

/** The Welcome rules cross threads as data: which recipients are the sender's DM partner. */
function withDoors(input: CommitInput & { dmTo?: string[] }): CommitInput {
  const { dmTo, ...commit } = input;
  if (!commit.doors) return commit;
  const dm = new Set(dmTo ?? []);
  const isDmOf = (room: string, from: string, to: string) =>
    room === commit.room && from === commit.from && dm.has(to);
  return { ...commit, doors: { ...commit.doors, isDmOf } };
}

async function run({ id, method, args }: StorageCall): Promise<void> {
  let reply: StorageReply;
  try {
    if (method === 'appendCommit') args[0] = withDoors(args[0] as CommitInput);
    const call = storage[method] as (...a: unknown[]) => Promise<unknown>;
    reply = { id, ok: true, value: await call.apply(storage, args) };
  } catch (error) {
    const { name, message, code } = error as Error & { code?: unknown };
    reply = { id, ok: false, error: { name, message, ...(code === undefined ? {} : { code }) } };
  }
  port.postMessage(reply);
}

port.on('message', (call: StorageCall) => void run(call));

export type { Storage };
