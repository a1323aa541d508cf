import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { RosterEntry } from '../storage.ts';

/**
 * The roster table of SqliteStorage (migration 0004): who is in each room. Synchronous,
 * so SqliteStorage changes it inside the transaction that stores the commit. [P-MEM1]
 */
export class SqliteRosterTable {
  readonly #has: StatementSync;
  readonly #any: StatementSync;
  readonly #list: StatementSync;
  readonly #add: StatementSync;
  readonly #remove: StatementSync;
  readonly #ban: StatementSync;
  readonly #unban: StatementSync;
  readonly #banned: StatementSync;

  constructor(db: DatabaseSync) {
    this.#has = db.prepare('SELECT 1 AS x FROM room_members WHERE room = ? AND client_id = ?');
    this.#any = db.prepare('SELECT 1 AS x FROM room_members WHERE room = ? LIMIT 1');
    this.#list = db.prepare(
      "SELECT client_id, role FROM room_members WHERE room = ? ORDER BY role = 'owner' DESC, client_id",
    );
    this.#add = db.prepare(
      'INSERT INTO room_members (room, client_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.#ban = db.prepare(
      'INSERT INTO room_bans (room, client_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    this.#unban = db.prepare('DELETE FROM room_bans WHERE room = ? AND client_id = ?');
    this.#banned = db.prepare('SELECT 1 AS x FROM room_bans WHERE room = ? AND client_id = ?');
    this.#remove = db.prepare(
      'DELETE FROM room_members WHERE room = ? AND client_id = ? RETURNING client_id, role',
    );
  }

  has(room: string, clientId: string): boolean {
    return this.#has.get(room, clientId) !== undefined;
  }

  /** Whether anyone ever claimed the room (and someone is still in it). */
  claimed(room: string): boolean {
    return this.#any.get(room) !== undefined;
  }

  list(room: string): RosterEntry[] {
    const rows = this.#list.all(room) as { client_id: string; role: RosterEntry['role'] }[];
    return rows.map((r) => ({ clientId: r.client_id, role: r.role }));
  }

  /** Adds the client unless it is in the roster already; true when it was added. */
  add(room: string, clientId: string, role: RosterEntry['role'] = 'member'): boolean {
    return this.#add.run(room, clientId, role).changes > 0;
  }

  /** Removes each client that is in the roster; returns those that were, with their roles. */
  remove(room: string, clientIds: readonly string[]): RosterEntry[] {
    const removed: RosterEntry[] = [];
    for (const id of new Set(clientIds)) {
      const row = this.#remove.get(room, id) as
        | { client_id: string; role: RosterEntry['role'] }
        | undefined;
      if (row) removed.push({ clientId: row.client_id, role: row.role });
    }
    return removed;
  }

  /** Bans each client; returns those that were not banned before. [P-ROLE3] */
  ban(room: string, clientIds: readonly string[]): string[] {
    return [...new Set(clientIds)].filter((id) => this.#ban.run(room, id).changes > 0);
  }

  unban(room: string, clientIds: readonly string[]): void {
    for (const id of clientIds) this.#unban.run(room, id);
  }

  banned(room: string, clientId: string): boolean {
    return this.#banned.get(room, clientId) !== undefined;
  }
}
