import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { historyMessageBytes } from '@yam/protocol';
import type {
  AddJoinResult,
  AppendInput,
  AppendResult,
  CommitInput,
  CommitResult,
  HistoryPage,
  HistoryQuery,
  InboxRecord,
  JoinRequestInput,
  JoinRequestRecord,
  RosterEntry,
  Storage,
  StoredRecord,
} from '../storage.ts';
import { migrate } from './migrate.ts';
import { SqliteMlsTables } from './sqlite-mls-tables.ts';
import { SqliteProfileTable } from './sqlite-profile-table.ts';
import { SqliteRosterTable } from './sqlite-roster-table.ts';

type Pending = {
  op: () => unknown;
  resolve: (result: never) => void;
  reject: (error: unknown) => void;
};

type Row = {
  room: string;
  seq: number;
  client_id: string;
  cmid: string;
  ts: number;
  payload: Uint8Array;
  kind: 'app' | 'commit';
  epoch: number | null;
};

/**
 * Storage in one SQLite file (WAL, synchronous=FULL: a commit survives power loss).
 * Writes arriving in the same event-loop turn share one transaction, so one fsync
 * covers the whole batch; every write still resolves only after COMMIT. [P-MSG3]
 * Each write runs in its own savepoint: one failing write does not fail its batch.
 */
export class SqliteStorage implements Storage {
  readonly #db: DatabaseSync;
  readonly #findDuplicate: StatementSync;
  readonly #bumpHead: StatementSync;
  readonly #insert: StatementSync;
  readonly #head: StatementSync;
  readonly #after: StatementSync;
  readonly #before: StatementSync;
  readonly #epoch: StatementSync;
  readonly #bumpEpoch: StatementSync;
  readonly #mls: SqliteMlsTables;
  readonly #profiles: SqliteProfileTable;
  readonly #roster: SqliteRosterTable;
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
      'INSERT INTO messages (room, seq, client_id, cmid, ts, payload, kind, epoch) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#head = this.#db.prepare('SELECT head FROM rooms WHERE room = ?');
    this.#epoch = this.#db.prepare('SELECT epoch FROM rooms WHERE room = ?');
    this.#bumpEpoch = this.#db.prepare('UPDATE rooms SET epoch = epoch + 1 WHERE room = ?');
    this.#mls = new SqliteMlsTables(this.#db);
    this.#profiles = new SqliteProfileTable(this.#db);
    this.#roster = new SqliteRosterTable(this.#db);
    const columns = 'room, seq, client_id, cmid, ts, payload, kind, epoch';
    this.#after = this.#db.prepare(
      `SELECT ${columns} FROM messages WHERE room = ? AND seq > ? ORDER BY seq ASC LIMIT ?`,
    );
    this.#before = this.#db.prepare(
      `SELECT ${columns} FROM messages WHERE room = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
    );
  }

  append(input: AppendInput): Promise<AppendResult> {
    return this.#write(() => this.#appendOne(input, 'app', null));
  }

  /**
   * [P-DS1] [P-DS3] [P-MEM1] [P-MEM3] Duplicate check first: a resend after a lost ack must
   * not conflict. Then membership, then the epoch: two clients racing to claim a new room
   * are both allowed to try, and the loser gets the epoch conflict.
   */
  appendCommit(input: CommitInput): Promise<CommitResult> {
    return this.#write((): CommitResult => {
      const { room, from } = input;
      const existing = this.#findDuplicate.get(room, from, input.cmid) as
        | { seq: number; ts: number }
        | undefined;
      if (existing)
        return {
          ok: true,
          ...existing,
          duplicate: true,
          epoch: this.#epochOf(room),
          welcomeIds: [],
          removed: [],
        };
      const epoch = this.#epochOf(room);
      const claim = epoch === 0 && input.epoch === 0 && !this.#roster.claimed(room);
      if (!claim && !this.#roster.has(room, from)) return { ok: false, reason: 'not-member' };
      if (epoch !== input.epoch) return { ok: false, reason: 'epoch', epoch };
      const result = this.#appendOne(input, 'commit', input.epoch);
      this.#bumpEpoch.run(room);
      const { welcome } = input;
      const welcomeIds = welcome
        ? this.#mls.storeWelcome(room, from, input.ts, welcome.to, welcome.data)
        : [];
      if (claim) this.#roster.add(room, from, 'owner');
      for (const to of welcome?.to ?? []) this.#roster.add(room, to);
      const removed = this.#roster.remove(room, input.removes ?? []);
      return { ok: true, ...result, epoch: epoch + 1, welcomeIds, removed };
    });
  }

  async isMember(room: string, clientId: string): Promise<boolean> {
    return this.#roster.has(room, clientId);
  }

  async roster(room: string): Promise<RosterEntry[]> {
    return this.#roster.list(room);
  }

  async epoch(room: string): Promise<number> {
    return this.#epochOf(room);
  }

  #epochOf(room: string): number {
    return (this.#epoch.get(room) as { epoch: number } | undefined)?.epoch ?? 0;
  }

  putKeyPackages(clientId: string, keyPackages: Uint8Array[], max: number) {
    return this.#write(() => this.#mls.putKeyPackages(clientId, keyPackages, max));
  }

  claimKeyPackage(clientId: string): Promise<Uint8Array | undefined> {
    return this.#write(() => this.#mls.claimKeyPackage(clientId));
  }

  async inbox(clientId: string): Promise<InboxRecord[]> {
    return this.#mls.inbox(clientId);
  }

  deleteInboxItem(clientId: string, id: number): Promise<boolean> {
    return this.#write(() => this.#mls.deleteInboxItem(clientId, id));
  }

  addJoinRequest(
    input: JoinRequestInput,
    caps: { perRoom: number; perClient: number },
  ): Promise<AddJoinResult> {
    return this.#write(() => this.#mls.addJoinRequest(input, caps));
  }

  async joinRequests(room: string): Promise<JoinRequestRecord[]> {
    return this.#mls.joinRequests(room);
  }

  takeJoinRequest(room: string, id: number): Promise<JoinRequestRecord | undefined> {
    return this.#write(() => this.#mls.takeJoinRequest(room, id));
  }

  putProfile(room: string, clientId: string, data: Uint8Array): Promise<boolean> {
    return this.#write(() => this.#profiles.put(room, clientId, data, Date.now()));
  }

  async getProfile(room: string, clientId: string): Promise<Uint8Array | undefined> {
    return this.#profiles.get(room, clientId);
  }

  /** Queues a write for the next batch transaction; resolves after its COMMIT. */
  #write<T>(op: () => T): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('storage is closed'));
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ op, resolve: resolve as (r: never) => void, reject });
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
    const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.#db.exec('BEGIN IMMEDIATE');
      for (const { op } of batch) {
        this.#db.exec('SAVEPOINT w');
        try {
          results.push({ ok: true, value: op() });
        } catch (error) {
          this.#db.exec('ROLLBACK TO w');
          results.push({ ok: false, error });
        }
        this.#db.exec('RELEASE w');
      }
      this.#db.exec('COMMIT');
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      for (const p of batch) p.reject(error);
      return;
    }
    for (const [i, p] of batch.entries()) {
      const result = results[i]!;
      if (result.ok) p.resolve(result.value as never);
      else p.reject(result.error);
    }
  }

  #appendOne(input: AppendInput, kind: 'app' | 'commit', epoch: number | null): AppendResult {
    const existing = this.#findDuplicate.get(input.room, input.from, input.cmid) as
      | { seq: number; ts: number }
      | undefined;
    if (existing) return { seq: existing.seq, ts: existing.ts, duplicate: true };
    const { head } = this.#bumpHead.get(input.room) as { head: number };
    const { room, from, cmid, ts, payload } = input;
    this.#insert.run(room, head, from, cmid, ts, payload, kind, epoch);
    return { seq: head, ts: input.ts, duplicate: false };
  }

  async head(room: string): Promise<number> {
    const row = this.#head.get(room) as { head: number } | undefined;
    return row?.head ?? 0;
  }

  async history(room: string, query: HistoryQuery): Promise<HistoryPage> {
    const { limit } = query;
    const ascending = query.after !== undefined;
    // Rows are read one at a time, so a byte-capped page never loads what it will not send.
    const rows = (
      query.after !== undefined
        ? this.#after.iterate(room, query.after, limit + 1)
        : this.#before.iterate(room, query.before ?? Number.MAX_SAFE_INTEGER, limit + 1)
    ) as Iterable<Row>;
    const page: Row[] = [];
    let bytes = 0;
    let hasMore = false;
    for (const row of rows) {
      const size = historyMessageBytes(row.payload.byteLength);
      if (
        page.length >= limit ||
        (page.length > 0 && bytes + size > (query.maxBytes ?? Infinity))
      ) {
        // The row that did not fit only tells that more exist.
        hasMore = true;
        break;
      }
      page.push(row);
      bytes += size;
    }
    if (!ascending) page.reverse();
    return { messages: page.map(toRecord), hasMore };
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
    kind: row.kind,
    ...(row.epoch === null ? {} : { epoch: row.epoch }),
  };
}
