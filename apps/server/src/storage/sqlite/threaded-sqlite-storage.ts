import { Worker } from 'node:worker_threads';
import type { CommitInput, Storage } from '../storage.ts';

type Method = Exclude<keyof Storage, never>;
/** One call to the storage thread, and its answer (the value, or the error's parts). */
export type StorageCall = { id: number; method: Method; args: unknown[] };
export type StorageReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; code?: unknown } };

type Waiter = { resolve(value: unknown): void; reject(error: Error): void };

/**
 * SqliteStorage on a thread of its own (node:worker_threads), so the event loop never waits
 * for the disk: SQLite's COMMIT with synchronous=FULL (an fsync) and every query run there.
 * Same file, same rules, same group commit: a write resolves only after its COMMIT, because
 * the thread answers only then. [P-MSG3] Arguments and results cross as structured clones
 * (Buffers arrive as Uint8Arrays); the one function in the contract, a Welcome's `isDmOf`,
 * is asked here, for each recipient, before the call crosses.
 */
export class ThreadedSqliteStorage implements Storage {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, Waiter>();
  #next = 1;
  #failed: Error | undefined;
  #closing: Promise<void> | undefined;

  /** Opens the file on its thread; rejects when it cannot be opened or migrated. */
  static async open(file: string): Promise<ThreadedSqliteStorage> {
    const storage = new ThreadedSqliteStorage(file);
    try {
      await storage.head('');
    } catch (error) {
      await storage.close();
      throw error;
    }
    return storage;
  }

  constructor(file: string) {
    this.#worker = new Worker(new URL('./sqlite-thread.ts', import.meta.url), {
      workerData: { file },
    });
    this.#worker.unref();
    this.#worker.on('message', (reply: StorageReply) => this.#answer(reply));
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', () => this.#fail(new Error('the storage thread stopped')));
  }

  append = this.#caller('append');
  head = this.#caller('head');
  history = this.#caller('history');
  epoch = this.#caller('epoch');
  isMember = this.#caller('isMember');
  isBanned = this.#caller('isBanned');
  roster = this.#caller('roster');
  putKeyPackages = this.#caller('putKeyPackages');
  claimKeyPackage = this.#caller('claimKeyPackage');
  inbox = this.#caller('inbox');
  deleteInboxItem = this.#caller('deleteInboxItem');
  expire = this.#caller('expire');
  addJoinRequest = this.#caller('addJoinRequest');
  joinRequests = this.#caller('joinRequests');
  takeJoinRequest = this.#caller('takeJoinRequest');
  putProfile = this.#caller('putProfile');
  getProfile = this.#caller('getProfile');

  appendCommit(input: CommitInput): ReturnType<Storage['appendCommit']> {
    const { doors, ...rest } = input;
    if (!doors) return this.#call('appendCommit', [rest]) as ReturnType<Storage['appendCommit']>;
    const { isDmOf, ...caps } = doors;
    const dmTo = (input.welcome?.to ?? []).filter((to) => isDmOf(input.room, input.from, to));
    return this.#call('appendCommit', [{ ...rest, doors: caps, dmTo }]) as ReturnType<
      Storage['appendCommit']
    >;
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (!this.#failed) await this.#call('close', []).catch(() => undefined);
      this.#failed ??= new Error('storage is closed');
      await this.#worker.terminate();
    })();
    return this.#closing;
  }

  #caller<M extends Method>(method: M): Storage[M] {
    return ((...args: unknown[]) => this.#call(method, args)) as unknown as Storage[M];
  }

  #call(method: Method, args: unknown[]): Promise<unknown> {
    if (this.#failed || (this.#closing && method !== 'close')) {
      return Promise.reject(this.#failed ?? new Error('storage is closed'));
    }
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      // Referenced only while calls are out: an idle storage does not keep the process alive.
      if (this.#waiting.size === 0) this.#worker.ref();
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ id, method, args } satisfies StorageCall);
    });
  }

  #answer(reply: StorageReply): void {
    const waiter = this.#waiting.get(reply.id);
    if (!waiter) return;
    this.#waiting.delete(reply.id);
    if (this.#waiting.size === 0) this.#worker.unref();
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(Object.assign(new Error(reply.error.message), reply.error));
  }

  #fail(error: Error): void {
    this.#failed ??= error;
    for (const waiter of this.#waiting.values()) waiter.reject(error);
    this.#waiting.clear();
  }
}
