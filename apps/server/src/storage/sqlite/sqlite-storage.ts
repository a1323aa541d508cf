import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type {
  AppendInput,
  AppendResult,
  HistoryPage,
  HistoryQuery,
  Storage,
  StoredRecord,
} from '../storage.ts';
import { migrate } from './migrate.ts';

type Pending = {
  input: AppendInput;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
};

type Row = {
  room: string;
  seq: number;
  client_id: string;
  cmid: string;
  ts: number;
  payload: Uint8Array;
};

/**
 * Storage in one SQLite file (WAL, synchronous=FULL: a commit survives power loss).
 * Appends arriving in the same event-loop turn share one transaction, so one fsync
 * covers the whole batch; every append still resolves only after COMMIT. [P-MSG3]
 */
export class SqliteStorage implements Storage {
  readonly #db: DatabaseSync;
  readonly #findDuplicate: StatementSync;
  readonly #bumpHead: StatementSync;
  readonly #insert: StatementSync;
  readonly #head: StatementSync;
  readonly #after: StatementSync;
  readonly #before: StatementSync;
  #queue: Pending[] = [];
  #flushScheduled = false;
  #flushed: Promise<void> = Promise.resolve();
  #closed = false;
  #closing: Promise<void> | undefined;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.#db = new DatabaseSync(file);
    this.#db.exec('PRAGMA journal_mode = WAL');
    this.#db.exec('PRAGMA synchronous = FULL');
    this.#db.exec('PRAGMA busy_timeout = 5000');
    migrate(this.#db);
    this.#findDuplicate = this.#db.prepare(
      'SELECT seq, ts FROM messages WHERE room = ? AND client_id = ? AND cmid = ?',
    );
    this.#bumpHead = this.#db.prepare(
      'INSERT INTO rooms (room, head) VALUES (?, 1) ON CONFLICT (room) DO UPDATE SET head = head + 1 RETURNING head',
    );
    this.#insert = this.#db.prepare(
      'INSERT INTO messages (room, seq, client_id, cmid, ts, payload) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#head = this.#db.prepare('SELECT head FROM rooms WHERE room = ?');
    const columns = 'room, seq, client_id, cmid, ts, payload';
    this.#after = this.#db.prepare(
      `SELECT ${columns} FROM messages WHERE room = ? AND seq > ? ORDER BY seq ASC LIMIT ?`,
    );
    this.#before = this.#db.prepare(
      `SELECT ${columns} FROM messages WHERE room = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
    );
  }

  append(input: AppendInput): Promise<AppendResult> {
    if (this.#closed) return Promise.reject(new Error('storage is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ input, resolve, reject });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        // setImmediate runs after the current I/O phase: every frame read in this turn joins the batch.
        this.#flushed = new Promise((done) =>
          setImmediate(() => {
            this.#flush();
            done();
          }),
        );
      }
    });
  }

  #flush(): void {
    this.#flushScheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    const results: AppendResult[] = [];
    try {
      this.#db.exec('BEGIN IMMEDIATE');
      for (const { input } of batch) results.push(this.#appendOne(input));
      this.#db.exec('COMMIT');
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      for (const p of batch) p.reject(error);
      return;
    }
    for (const [i, p] of batch.entries()) p.resolve(results[i]!);
  }

  #appendOne(input: AppendInput): AppendResult {
    const existing = this.#findDuplicate.get(input.room, input.from, input.cmid) as
      | { seq: number; ts: number }
      | undefined;
    if (existing) return { seq: existing.seq, ts: existing.ts, duplicate: true };
    const { head } = this.#bumpHead.get(input.room) as { head: number };
    this.#insert.run(input.room, head, input.from, input.cmid, input.ts, input.payload);
    return { seq: head, ts: input.ts, duplicate: false };
  }

  async head(room: string): Promise<number> {
    const row = this.#head.get(room) as { head: number } | undefined;
    return row?.head ?? 0;
  }

  async history(room: string, query: HistoryQuery): Promise<HistoryPage> {
    const { limit } = query;
    let rows: Row[];
    if (query.after !== undefined) {
      rows = this.#after.all(room, query.after, limit + 1) as Row[];
    } else {
      const before = query.before ?? Number.MAX_SAFE_INTEGER;
      rows = (this.#before.all(room, before, limit + 1) as Row[]).reverse();
    }
    const hasMore = rows.length > limit;
    // The extra row only tells whether more exist: drop it from the far end of the page.
    if (hasMore) rows = query.after !== undefined ? rows.slice(0, limit) : rows.slice(1);
    return { messages: rows.map(toRecord), hasMore };
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#closed = true;
      await this.#flushed;
      this.#db.close();
    })();
    return this.#closing;
  }
}

function toRecord(row: Row): StoredRecord {
  return {
    room: row.room,
    seq: row.seq,
    from: row.client_id,
    cmid: row.cmid,
    ts: row.ts,
    payload: row.payload,
  };
}
