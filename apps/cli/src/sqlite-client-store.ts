import { chmodSync } from 'node:fs';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { ClientStore, OutboxItem, ReceivedMessage } from '@yam/client';
import type { ClientId, ClientMsgId, RoomId, Seq } from '@yam/protocol';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (
  room TEXT NOT NULL, seq INTEGER NOT NULL, sender TEXT NOT NULL, cmid TEXT NOT NULL,
  ts INTEGER NOT NULL, payload BLOB NOT NULL, PRIMARY KEY (room, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cursors (room TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox (
  room TEXT NOT NULL, cmid TEXT NOT NULL, payload BLOB NOT NULL, queued_at INTEGER NOT NULL,
  PRIMARY KEY (room, cmid)
) WITHOUT ROWID;
`;

type MessageRow = {
  room: string;
  seq: number;
  sender: string;
  cmid: string;
  ts: number;
  payload: Uint8Array;
};
type OutboxRow = { room: string; cmid: string; payload: Uint8Array; queued_at: number };

const toMessage = (r: MessageRow): ReceivedMessage => ({
  room: r.room as RoomId,
  seq: r.seq as Seq,
  from: r.sender as ClientId,
  cmid: r.cmid as ClientMsgId,
  ts: r.ts,
  payload: new Uint8Array(r.payload),
});

/**
 * The CLI's ClientStore: one SQLite file per server. Synchronous node:sqlite behind the
 * async interface; `synchronous=FULL` so an outbox item written before sending survives
 * a crash (the outbox promise). Several `yam` processes may share the file (WAL + busy wait).
 */
export class SqliteClientStore implements ClientStore {
  readonly #db: DatabaseSync;
  readonly #insertMessage: StatementSync;
  readonly #newest: StatementSync;
  readonly #before: StatementSync;
  readonly #getCursor: StatementSync;
  readonly #setCursor: StatementSync;
  readonly #outboxPut: StatementSync;
  readonly #outboxDelete: StatementSync;
  readonly #outboxList: StatementSync;

  constructor(path: string) {
    this.#db = new DatabaseSync(path);
    // Only this user may read what this device received (WAL files follow the umask).
    chmodSync(path, 0o600);
    this.#db.exec(
      'PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;',
    );
    this.#db.exec(SCHEMA);
    const cols = 'room, seq, sender, cmid, ts, payload';
    this.#insertMessage = this.#db.prepare(
      `INSERT OR IGNORE INTO messages (${cols}) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    // Newest `limit` rows, returned ascending.
    this.#newest = this.#db.prepare(
      `SELECT * FROM (SELECT ${cols} FROM messages WHERE room = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq`,
    );
    this.#before = this.#db.prepare(
      `SELECT * FROM (SELECT ${cols} FROM messages WHERE room = ? AND seq < ? ORDER BY seq DESC LIMIT ?) ORDER BY seq`,
    );
    this.#getCursor = this.#db.prepare('SELECT seq FROM cursors WHERE room = ?');
    this.#setCursor = this.#db.prepare(
      'INSERT INTO cursors (room, seq) VALUES (?, ?) ON CONFLICT (room) DO UPDATE SET seq = excluded.seq',
    );
    this.#outboxPut = this.#db.prepare(
      'INSERT OR REPLACE INTO outbox (room, cmid, payload, queued_at) VALUES (?, ?, ?, ?)',
    );
    this.#outboxDelete = this.#db.prepare('DELETE FROM outbox WHERE room = ? AND cmid = ?');
    this.#outboxList = this.#db.prepare(
      'SELECT room, cmid, payload, queued_at FROM outbox ORDER BY queued_at, cmid',
    );
  }

  async putMessages(messages: readonly ReceivedMessage[]): Promise<void> {
    if (messages.length === 0) return;
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const m of messages)
        this.#insertMessage.run(m.room, m.seq, m.from, m.cmid, m.ts, m.payload);
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  async getMessages(
    room: RoomId,
    options: { beforeSeq?: number; limit: number },
  ): Promise<ReceivedMessage[]> {
    const limit = Math.max(0, Math.floor(options.limit));
    const rows =
      options.beforeSeq === undefined
        ? this.#newest.all(room, limit)
        : this.#before.all(room, options.beforeSeq, limit);
    return (rows as MessageRow[]).map(toMessage);
  }

  async getCursor(room: RoomId): Promise<number> {
    const row = this.#getCursor.get(room) as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  async setCursor(room: RoomId, seq: number): Promise<void> {
    this.#setCursor.run(room, seq);
  }

  async outboxPut(item: OutboxItem): Promise<void> {
    this.#outboxPut.run(item.room, item.cmid, item.payload, item.queuedAt);
  }

  async outboxDelete(room: RoomId, cmid: ClientMsgId): Promise<void> {
    this.#outboxDelete.run(room, cmid);
  }

  async outboxList(): Promise<OutboxItem[]> {
    return (this.#outboxList.all() as OutboxRow[]).map((r) => ({
      room: r.room as RoomId,
      cmid: r.cmid as ClientMsgId,
      payload: new Uint8Array(r.payload),
      queuedAt: r.queued_at,
    }));
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
