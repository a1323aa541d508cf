import type pg from 'pg';
import type { AddJoinResult, JoinCaps, JoinRequestInput, JoinRequestRecord } from '../storage.ts';
import { bytes, type Db, lockKey, rows } from './pg-pool.ts';

type JoinRow = {
  id: number;
  room: string;
  client_id: string;
  key_package: Buffer;
  mac: Buffer | null;
  pake: Buffer | null;
  info: Buffer | null;
  ts: number;
};

const COLUMNS = 'id, room, client_id, key_package, mac, pake, info, ts';

/**
 * Pending join requests in PostgresStorage: one per (room, requester), capped per room,
 * per requester and per network, expired by `ts`. [P-DS5] `add` locks the three keys it
 * counts (always in that order), so servers adding at once cannot pass a cap together.
 */
export const pgJoins = {
  async add(db: pg.PoolClient, input: JoinRequestInput, caps: JoinCaps): Promise<AddJoinResult> {
    await lockKey(db, `join-room:${input.room}`);
    await lockKey(db, `join-client:${input.from}`);
    await lockKey(db, `join-network:${input.network}`);
    await pgJoins.expire(db, caps.notBefore);
    // A repeated request replaces the old one, so it never counts against the caps.
    await rows(db, 'DELETE FROM join_requests WHERE room = $1 AND client_id = $2', [
      input.room,
      input.from,
    ]);
    const [counts] = await rows<{ room: number; client: number; network: number }>(
      db,
      `SELECT count(*) FILTER (WHERE room = $1) AS room, count(*) FILTER (WHERE client_id = $2) AS client,
         count(*) FILTER (WHERE network = $3) AS network
       FROM join_requests WHERE room = $1 OR client_id = $2 OR network = $3`,
      [input.room, input.from, input.network],
    );
    if (counts!.room >= caps.perRoom) return { ok: false, full: 'room' };
    if (counts!.client >= caps.perClient) return { ok: false, full: 'client' };
    if (counts!.network >= caps.perNetwork) return { ok: false, full: 'network' };
    const { room, from, keyPackage, mac, pake, info, ts, network } = input;
    const [row] = await rows<{ id: number }>(
      db,
      `INSERT INTO join_requests (room, client_id, key_package, mac, pake, info, ts, network)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [room, from, keyPackage, mac ?? null, pake ?? null, info ?? null, ts, network],
    );
    return { ok: true, id: row!.id };
  },

  async list(db: Db, room: string, notBefore: number): Promise<JoinRequestRecord[]> {
    const found = await rows<JoinRow>(
      db,
      `SELECT ${COLUMNS} FROM join_requests WHERE room = $1 AND ts >= $2 ORDER BY id`,
      [room, notBefore],
    );
    return found.map(toJoin);
  },

  async take(db: Db, room: string, id: number, notBefore: number) {
    const [row] = await rows<JoinRow>(
      db,
      `DELETE FROM join_requests WHERE room = $1 AND id = $2 AND ts >= $3 RETURNING ${COLUMNS}`,
      [room, id, notBefore],
    );
    return row && toJoin(row);
  },

  /** Whether `from` has an unexpired request for the room. [P-DS7] */
  async pending(db: Db, room: string, from: string, notBefore: number): Promise<boolean> {
    const found = await rows(
      db,
      'SELECT 1 FROM join_requests WHERE room = $1 AND client_id = $2 AND ts >= $3',
      [room, from, notBefore],
    );
    return found.length > 0;
  },

  /** Takes `from`'s unexpired request for the room, if it has one. [P-DS7] */
  async takeFor(db: Db, room: string, from: string, notBefore: number) {
    const [row] = await rows<JoinRow>(
      db,
      `DELETE FROM join_requests WHERE room = $1 AND client_id = $2 AND ts >= $3 RETURNING ${COLUMNS}`,
      [room, from, notBefore],
    );
    return row && toJoin(row);
  },

  async expire(db: Db, before: number): Promise<number> {
    const found = await rows(db, 'DELETE FROM join_requests WHERE ts < $1 RETURNING 1', [before]);
    return found.length;
  },
};

function toJoin(row: JoinRow): JoinRequestRecord {
  return {
    id: row.id,
    room: row.room,
    from: row.client_id,
    keyPackage: bytes(row.key_package),
    ...(row.mac ? { mac: bytes(row.mac) } : {}),
    ...(row.pake ? { pake: bytes(row.pake) } : {}),
    ...(row.info ? { info: bytes(row.info) } : {}),
    ts: row.ts,
  };
}
