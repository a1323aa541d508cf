import type { RosterEntry } from '../storage.ts';
import { type Db, rows } from './pg-pool.ts';

type Role = RosterEntry['role'];

/**
 * The room_members and room_bans tables of PostgresStorage: who is in each room and who
 * may not ask to join it. [P-MEM1] [P-ROLE3] Writes run inside the commit's transaction.
 */
export const pgRoster = {
  async has(db: Db, room: string, clientId: string): Promise<boolean> {
    const found = await rows(db, 'SELECT 1 FROM room_members WHERE room = $1 AND client_id = $2', [
      room,
      clientId,
    ]);
    return found.length > 0;
  },

  /** Whether anyone ever claimed the room (and someone is still in it). */
  async claimed(db: Db, room: string): Promise<boolean> {
    const found = await rows(db, 'SELECT 1 FROM room_members WHERE room = $1 LIMIT 1', [room]);
    return found.length > 0;
  },

  async list(db: Db, room: string): Promise<RosterEntry[]> {
    const found = await rows<{ client_id: string; role: Role }>(
      db,
      // COLLATE "C": the same byte order as SQLite, whatever the database's locale.
      `SELECT client_id, role FROM room_members WHERE room = $1
       ORDER BY role = 'owner' DESC, client_id COLLATE "C"`,
      [room],
    );
    return found.map((r) => ({ clientId: r.client_id, role: r.role }));
  },

  /** Adds the client unless it is in the roster already; true when it was added. */
  async add(db: Db, room: string, clientId: string, role: Role = 'member'): Promise<boolean> {
    const added = await rows(
      db,
      'INSERT INTO room_members (room, client_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1',
      [room, clientId, role],
    );
    return added.length > 0;
  },

  /** Removes each client that is in the roster; returns those that were, with their roles. */
  async remove(db: Db, room: string, clientIds: readonly string[]): Promise<RosterEntry[]> {
    const removed: RosterEntry[] = [];
    for (const id of new Set(clientIds)) {
      const [row] = await rows<{ client_id: string; role: Role }>(
        db,
        'DELETE FROM room_members WHERE room = $1 AND client_id = $2 RETURNING client_id, role',
        [room, id],
      );
      if (row) removed.push({ clientId: row.client_id, role: row.role });
    }
    return removed;
  },

  /** Bans each client; returns those that were not banned before. [P-ROLE3] */
  async ban(db: Db, room: string, clientIds: readonly string[]): Promise<string[]> {
    const banned: string[] = [];
    for (const id of new Set(clientIds)) {
      const added = await rows(
        db,
        'INSERT INTO room_bans (room, client_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1',
        [room, id],
      );
      if (added.length > 0) banned.push(id);
    }
    return banned;
  },

  async unban(db: Db, room: string, clientIds: readonly string[]): Promise<void> {
    if (clientIds.length === 0) return;
    await rows(db, 'DELETE FROM room_bans WHERE room = $1 AND client_id = ANY($2::text[])', [
      room,
      [...clientIds],
    ]);
  },

  async banned(db: Db, room: string, clientId: string): Promise<boolean> {
    const found = await rows(db, 'SELECT 1 FROM room_bans WHERE room = $1 AND client_id = $2', [
      room,
      clientId,
    ]);
    return found.length > 0;
  },
};
