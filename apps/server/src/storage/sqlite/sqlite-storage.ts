import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type {
  AddJoinResult,
  AppendInput,
  AppendResult,
  CommitInput,
  CommitResult,
  HistoryPage,
  HistoryQuery,
  InboxQuery,
  InboxRecord,
  JoinCaps,
  JoinRequestInput,
  JoinRequestRecord,
  RosterEntry,
  Storage,
} from '../storage.ts';
import { migrate } from './migrate.ts';
import { type RosterUndo, SqliteCommitChanges } from './sqlite-commit-changes.ts';
import { SqliteInboxTable } from './sqlite-inbox-table.ts';
import { SqliteJoinTable } from './sqlite-join-table.ts';
import { SqliteKeyPackageTable } from './sqlite-key-package-table.ts';
import { type MessageRow as Row, toRecord } from './sqlite-message-row.ts';
import { SqliteProfileTable } from './sqlite-profile-table.ts';
import { SqliteRosterTable } from './sqlite-roster-table.ts';
import { admitWelcome } from './sqlite-welcome-doors.ts';

type Pending = {
  op: () => unknown;
  resolve: (result: never) => void;
  reject: (error: unknown) => void;
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
  readonly #setEpoch: StatementSync;
  readonly #changes: SqliteCommitChanges;
  readonly #keyPackages: SqliteKeyPackageTable;
  readonly #doors: { joins: SqliteJoinTable; inbox: SqliteInboxTable };
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
    this.#setEpoch = this.#db.prepare('UPDATE rooms SET epoch = ? WHERE room = ?');
    this.#changes = new SqliteCommitChanges(this.#db);
    this.#keyPackages = new SqliteKeyPackageTable(this.#db);
    this.#doors = { joins: new SqliteJoinTable(this.#db), inbox: new SqliteInboxTable(this.#db) };
    this.#profiles = new SqliteProfileTable(this.#db);
    this.#roster = new SqliteRosterTable(this.#db);
    // A commit's declared roster change travels with it. [P-MEM7]
    const columns = 'm.room, m.seq, client_id, cmid, ts, payload, kind, m.epoch, c.adds, c.removes';
    const from = 'messages m LEFT JOIN commit_changes c ON c.room = m.room AND c.seq = m.seq';
    this.#after = this.#db.prepare(
      `SELECT ${columns} FROM ${from} WHERE m.room = ? AND m.seq > ? ORDER BY m.seq ASC LIMIT ?`,
    );
    this.#before = this.#db.prepare(
      `SELECT ${columns} FROM ${from} WHERE m.room = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?`,
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
          answered: [],
        };
      const claim = this.#epochOf(room) === 0 && input.epoch === 0 && !this.#roster.claimed(room);
      const voided =
        input.voids === undefined ? [] : this.#voidable(room, input.voids, input.epoch);
      if (!voided) return { ok: false, reason: 'epoch', epoch: this.#epochOf(room) };
      // A member the voided commits put out may void them: membership as it was before them.
      if (!claim && !this.#memberAfterUndo(room, from, voided)) {
        return { ok: false, reason: 'not-member' };
      }
      // A void sets the room back to the voided commit's epoch (checked by #voidable).
      const epoch = voided.length > 0 ? input.epoch : this.#epochOf(room);
      if (epoch !== input.epoch) return { ok: false, reason: 'epoch', epoch };
      const { welcome, doors } = input;
      const bytes = welcome?.data.length ?? 0;
      const admitted =
        welcome && doors && admitWelcome(this.#doors, { ...welcome, room, from, bytes }, doors);
      if (admitted && !admitted.ok) return { ...admitted, reason: 'welcome' };
      const unvoided = this.#undo(room, voided, input.epoch);
      const result = this.#appendOne(input, 'commit', input.epoch);
      this.#bumpEpoch.run(room);
      const welcomeIds = welcome
        ? this.#doors.inbox.store(room, from, input.ts, welcome.to, welcome.data)
        : [];
      const added = claim && this.#roster.add(room, from, 'owner') ? [from] : [];
      for (const to of welcome?.to ?? []) if (this.#roster.add(room, to)) added.push(to);
      const left = this.#roster.remove(room, input.removes ?? []);
      const banned = this.#roster.ban(room, input.bans ?? []);
      const declared = { adds: welcome?.to ?? [], removes: input.removes ?? [] };
      const undo = { added, removed: left, ...(banned.length ? { banned } : {}) };
      this.#changes.record(room, result.seq, input.epoch, declared, undo);
      const removed = [...unvoided, ...left.map((e) => e.clientId)].filter(
        (id) => !this.#roster.has(room, id),
      );
      const answered = admitted?.answered ?? [];
      return {
        ok: true,
        ...result,
        epoch: epoch + 1,
        welcomeIds,
        removed: [...new Set(removed)],
        answered,
      };
    });
  }

  /**
   * [P-MEM7] The live commits `voids` would void, newest first: the live commit at `seq`,
   * made in `epoch`, and every live commit after it. Undefined when `seq` is no live commit of
   * that epoch. A room's claim (epoch 0) is never voided.
   */
  #voidable(room: string, seq: number, epoch: number) {
    if (epoch === 0 || this.#changes.liveEpoch(room, seq) !== epoch) return undefined;
    return this.#changes.liveFrom(room, seq);
  }

  #memberAfterUndo(room: string, clientId: string, voided: { undo: RosterUndo }[]): boolean {
    let member = this.#roster.has(room, clientId);
    for (const { undo } of voided) {
      if (undo.added.includes(clientId)) member = false;
      if (undo.removed.some((e) => e.clientId === clientId)) member = true;
    }
    return member;
  }

  /** Voids the commits, undoing their roster changes newest first; the room is back at `epoch`. Returns who left. */
  #undo(room: string, voided: { seq: number; undo: RosterUndo }[], epoch: number): string[] {
    if (voided.length === 0) return [];
    const left: string[] = [];
    for (const { seq, undo } of voided) {
      this.#changes.markVoid(room, seq);
      left.push(...this.#roster.remove(room, undo.added).map((e) => e.clientId));
      for (const entry of undo.removed) this.#roster.add(room, entry.clientId, entry.role);
      this.#roster.unban(room, undo.banned ?? []);
    }
    this.#setEpoch.run(epoch, room);
    return left;
  }

  async isMember(room: string, clientId: string): Promise<boolean> {
    return this.#roster.has(room, clientId);
  }

  async isBanned(room: string, clientId: string): Promise<boolean> {
    return this.#roster.banned(room, clientId);
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

  putKeyPackages(clientId: string, keyPackages: Uint8Array[], max: number, last?: Uint8Array) {
    return this.#write(() => this.#keyPackages.put(clientId, keyPackages, max, last));
  }

  claimKeyPackage(clientId: string, lastResortOnly = false) {
    return this.#write(() => this.#keyPackages.claim(clientId, lastResortOnly));
  }

  async inbox(clientId: string, query: InboxQuery): Promise<InboxRecord[]> {
    return this.#doors.inbox.page(clientId, query);
  }

  deleteInboxItem(clientId: string, id: number): Promise<boolean> {
    return this.#write(() => this.#doors.inbox.delete(clientId, id));
  }

  expire(cutoffs: { joinsBefore: number; inboxBefore: number }) {
    return this.#write(() => ({
      joins: this.#doors.joins.expire(cutoffs.joinsBefore),
      inbox: this.#doors.inbox.expire(cutoffs.inboxBefore),
    }));
  }

  addJoinRequest(input: JoinRequestInput, caps: JoinCaps): Promise<AddJoinResult> {
    return this.#write(() => this.#doors.joins.add(input, caps));
  }

  async joinRequests(room: string, notBefore: number): Promise<JoinRequestRecord[]> {
    return this.#doors.joins.list(room, notBefore);
  }

  takeJoinRequest(room: string, id: number, notBefore: number) {
    return this.#write(() => this.#doors.joins.take(room, id, notBefore));
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
