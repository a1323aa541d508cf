import type pg from 'pg';
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
import { KeyedLanes } from './keyed-lanes.ts';
import { appendCommitPg } from './pg-append-commit.ts';
import { pgHistory } from './pg-history.ts';
import { pgInbox } from './pg-inbox-table.ts';
import { pgJoins } from './pg-join-table.ts';
import { pgKeyPackages } from './pg-key-package-table.ts';
import { openMigratedPool, PG_MIGRATIONS_DIR } from './pg-migrate.ts';
import { bytes, inTransaction, type PgPlace, query, rows } from './pg-pool.ts';
import { PgRoomAppends } from './pg-room-appends.ts';
import { pgRoster } from './pg-roster.ts';

/**
 * Storage in PostgreSQL, shared by any number of servers: every rule SqliteStorage keeps
 * holds across them (storage.contract.ts runs on both). A room's app messages arriving
 * together are stored by one statement (PgRoomAppends). Writes that read before they write
 * lock what they read (the room's row, or an advisory lock on a client's or network's key),
 * and each resolves only after its COMMIT. [P-MSG3] A lost database connection rejects the
 * write with a retryable error; nothing unacknowledged is half-stored.
 */
export class PostgresStorage implements Storage {
  readonly #pool: pg.Pool;
  readonly #pending = new Set<Promise<unknown>>();
  readonly #lanes = new KeyedLanes();
  readonly #appends: PgRoomAppends;
  #closing: Promise<void> | undefined;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.#appends = new PgRoomAppends(pool, this.#lanes);
  }

  /**
   * Connects, applies the migrations (one server at a time) and returns the storage. Throws
   * the database's error when it cannot connect or migrate; the pool is closed then.
   */
  static async open(place: PgPlace, onError: (error: Error) => void = () => {}) {
    const pool = await openMigratedPool(place, 'storage', PG_MIGRATIONS_DIR, onError);
    return new PostgresStorage(pool);
  }

  append(input: AppendInput): Promise<AppendResult> {
    return this.#track(undefined, () => this.#appends.append(input));
  }

  appendCommit(input: CommitInput): Promise<CommitResult> {
    // A refused commit stores nothing, not even the room's row.
    this.#appends.seal(input.room);
    return this.#track(`room:${input.room}`, () =>
      inTransaction(
        this.#pool,
        (db) => appendCommitPg(db, input),
        (result) => result.ok,
      ),
    );
  }

  async head(room: string): Promise<number> {
    const [row] = await rows<{ head: number }>(
      this.#pool,
      'SELECT head FROM rooms WHERE room = $1',
      [room],
    );
    return row?.head ?? 0;
  }

  history(room: string, q: HistoryQuery): Promise<HistoryPage> {
    return pgHistory(this.#pool, room, q);
  }

  async epoch(room: string): Promise<number> {
    const [row] = await rows<{ epoch: number }>(
      this.#pool,
      'SELECT epoch FROM rooms WHERE room = $1',
      [room],
    );
    return row?.epoch ?? 0;
  }

  isMember(room: string, clientId: string): Promise<boolean> {
    return pgRoster.has(this.#pool, room, clientId);
  }

  isBanned(room: string, clientId: string): Promise<boolean> {
    return pgRoster.banned(this.#pool, room, clientId);
  }

  roster(room: string): Promise<RosterEntry[]> {
    return pgRoster.list(this.#pool, room);
  }

  putKeyPackages(clientId: string, keyPackages: Uint8Array[], max: number, last?: Uint8Array) {
    return this.#track(`kp:${clientId}`, () =>
      inTransaction(this.#pool, (db) => pgKeyPackages.put(db, clientId, keyPackages, max, last)),
    );
  }

  claimKeyPackage(clientId: string, lastResortOnly = false) {
    return this.#track(`kp:${clientId}`, () =>
      inTransaction(this.#pool, (db) => pgKeyPackages.claim(db, clientId, lastResortOnly)),
    );
  }

  inbox(clientId: string, q: InboxQuery): Promise<InboxRecord[]> {
    return pgInbox.page(this.#pool, clientId, q);
  }

  deleteInboxItem(clientId: string, id: number): Promise<boolean> {
    return this.#track(undefined, () =>
      inTransaction(this.#pool, (db) => pgInbox.delete(db, clientId, id)),
    );
  }

  expire(cutoffs: { joinsBefore: number; inboxBefore: number }) {
    return this.#track(undefined, () =>
      inTransaction(this.#pool, async (db) => ({
        joins: await pgJoins.expire(db, cutoffs.joinsBefore),
        inbox: await pgInbox.expire(db, cutoffs.inboxBefore),
      })),
    );
  }

  addJoinRequest(input: JoinRequestInput, caps: JoinCaps): Promise<AddJoinResult> {
    return this.#track(`join:${input.room}`, () =>
      inTransaction(
        this.#pool,
        (db) => pgJoins.add(db, input, caps),
        (r) => r.ok,
      ),
    );
  }

  joinRequests(room: string, notBefore: number): Promise<JoinRequestRecord[]> {
    return pgJoins.list(this.#pool, room, notBefore);
  }

  takeJoinRequest(room: string, id: number, notBefore: number) {
    return this.#track(undefined, () => pgJoins.take(this.#pool, room, id, notBefore));
  }

  /** [P-PROF2] One statement: written only when the bytes differ from the stored ones. */
  putProfile(room: string, clientId: string, data: Uint8Array): Promise<boolean> {
    return this.#track(undefined, async () => {
      const result = await query(
        this.#pool,
        `INSERT INTO profiles AS p (room, client_id, data, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (room, client_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
         WHERE p.data IS DISTINCT FROM excluded.data`,
        [room, clientId, data, Date.now()],
      );
      return (result.rowCount ?? 0) > 0;
    });
  }

  async getProfile(room: string, clientId: string): Promise<Uint8Array | undefined> {
    const [row] = await rows<{ data: Buffer }>(
      this.#pool,
      'SELECT data FROM profiles WHERE room = $1 AND client_id = $2',
      [room, clientId],
    );
    return row && bytes(row.data);
  }

  /**
   * The HMAC key every server sharing this database uses (upload tokens, TURN credentials):
   * the first server to ask stores `seed` (its data folder's secret), every later one reads it.
   */
  async sharedSecret(seed: Uint8Array): Promise<Uint8Array> {
    await rows(
      this.#pool,
      'INSERT INTO server_secret (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING',
      [seed],
    );
    const [row] = await rows<{ secret: Buffer }>(
      this.#pool,
      'SELECT secret FROM server_secret WHERE id = 1',
    );
    return bytes(row!.secret);
  }

  /** Waits for the writes already accepted, then closes the pool. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await Promise.allSettled([...this.#pending]);
      await this.#pool.end();
    })();
    return this.#closing;
  }

  /** Starts a write (in the key's lane, when given) that close() will wait for. */
  #track<T>(lane: string | undefined, write: () => Promise<T>): Promise<T> {
    if (this.#closing) return Promise.reject(new Error('storage is closed'));
    const promise = lane === undefined ? write() : this.#lanes.run(lane, write);
    this.#pending.add(promise);
    const done = () => this.#pending.delete(promise);
    promise.then(done, done);
    return promise;
  }
}
