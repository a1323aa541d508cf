import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { AddJoinResult, JoinCaps, JoinRequestInput, JoinRequestRecord } from '../storage.ts';

type JoinRow = {
  id: number;
  room: string;
  client_id: string;
  key_package: Uint8Array;
  mac: Uint8Array | null;
  pake: Uint8Array | null;
  info: Uint8Array | null;
  ts: number;
};

/**
 * Pending join requests in SqliteStorage (migrations 0002, 0005): one per (room,
 * requester), capped per room, per requester and per network, expired by `ts`. [P-DS5]
 * Synchronous: SqliteStorage runs the writes inside its write transactions.
 */
export class SqliteJoinTable {
  readonly #deleteSame: StatementSync;
  readonly #countRoom: StatementSync;
  readonly #countClient: StatementSync;
  readonly #countNetwork: StatementSync;
  readonly #insert: StatementSync;
  readonly #list: StatementSync;
  readonly #take: StatementSync;
  readonly #takeFor: StatementSync;
  readonly #pending: StatementSync;
  readonly #expire: StatementSync;

  constructor(db: DatabaseSync) {
    this.#deleteSame = db.prepare('DELETE FROM join_requests WHERE room = ? AND client_id = ?');
    this.#countRoom = db.prepare('SELECT count(*) AS n FROM join_requests WHERE room = ?');
    this.#countClient = db.prepare('SELECT count(*) AS n FROM join_requests WHERE client_id = ?');
    this.#countNetwork = db.prepare('SELECT count(*) AS n FROM join_requests WHERE network = ?');
    this.#insert = db.prepare(
      `INSERT INTO join_requests (room, client_id, key_package, mac, pake, info, ts, network)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    this.#list = db.prepare('SELECT * FROM join_requests WHERE room = ? AND ts >= ? ORDER BY id');
    this.#take = db.prepare(
      'DELETE FROM join_requests WHERE room = ? AND id = ? AND ts >= ? RETURNING *',
    );
    this.#takeFor = db.prepare(
      'DELETE FROM join_requests WHERE room = ? AND client_id = ? AND ts >= ? RETURNING *',
    );
    this.#pending = db.prepare(
      'SELECT 1 AS x FROM join_requests WHERE room = ? AND client_id = ? AND ts >= ?',
    );
    this.#expire = db.prepare('DELETE FROM join_requests WHERE ts < ?');
  }

  add(input: JoinRequestInput, caps: JoinCaps): AddJoinResult {
    this.expire(caps.notBefore);
    // A repeated request replaces the old one, so it never counts against the caps.
    this.#deleteSame.run(input.room, input.from);
    if (count(this.#countRoom, input.room) >= caps.perRoom) return { ok: false, full: 'room' };
    if (count(this.#countClient, input.from) >= caps.perClient) {
      return { ok: false, full: 'client' };
    }
    if (count(this.#countNetwork, input.network) >= caps.perNetwork) {
      return { ok: false, full: 'network' };
    }
    const { room, from, keyPackage, mac, pake, info, ts, network } = input;
    const row = this.#insert.get(
      room,
      from,
      keyPackage,
      mac ?? null,
      pake ?? null,
      info ?? null,
      ts,
      network,
    );
    return { ok: true, id: (row as { id: number }).id };
  }

  list(room: string, notBefore: number): JoinRequestRecord[] {
    return (this.#list.all(room, notBefore) as JoinRow[]).map(toJoin);
  }

  take(room: string, id: number, notBefore: number): JoinRequestRecord | undefined {
    const row = this.#take.get(room, id, notBefore) as JoinRow | undefined;
    return row && toJoin(row);
  }

  /** Whether `from` has an unexpired request for the room. [P-DS7] */
  pending(room: string, from: string, notBefore: number): boolean {
    return this.#pending.get(room, from, notBefore) !== undefined;
  }

  /** Takes `from`'s unexpired request for the room, if it has one. [P-DS7] */
  takeFor(room: string, from: string, notBefore: number): JoinRequestRecord | undefined {
    const row = this.#takeFor.get(room, from, notBefore) as JoinRow | undefined;
    return row && toJoin(row);
  }

  expire(before: number): number {
    return Number(this.#expire.run(before).changes);
  }
}

function count(statement: StatementSync, key: string): number {
  return (statement.get(key) as { n: number }).n;
}

function toJoin(row: JoinRow): JoinRequestRecord {
  return {
    id: row.id,
    room: row.room,
    from: row.client_id,
    keyPackage: row.key_package,
    ...(row.mac ? { mac: row.mac } : {}),
    ...(row.pake ? { pake: row.pake } : {}),
    ...(row.info ? { info: row.info } : {}),
    ts: row.ts,
  };
}
