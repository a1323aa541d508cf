import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { RosterEntry } from '../storage.ts';

/** What a commit did to the roster (and bans), so that voiding it can put them back. */
export type RosterUndo = { added: string[]; removed: RosterEntry[]; banned?: string[] };

type ChangeRow = { seq: number; epoch: number; undo: string };

/**
 * The commit_changes table of SqliteStorage (migration 0005): every commit's declared roster
 * change, carried to members with the commit, and its undo record. Synchronous, so it changes
 * inside the transaction that stores the commit. [P-MEM7]
 */
export class SqliteCommitChanges {
  readonly #insert: StatementSync;
  readonly #target: StatementSync;
  readonly #from: StatementSync;
  readonly #void: StatementSync;
  readonly #declared: StatementSync;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare(
      'INSERT INTO commit_changes (room, seq, epoch, adds, removes, undo) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#target = db.prepare(
      'SELECT epoch FROM commit_changes WHERE room = ? AND seq = ? AND voided = 0',
    );
    this.#from = db.prepare(
      'SELECT seq, epoch, undo FROM commit_changes WHERE room = ? AND seq >= ? AND voided = 0 ORDER BY seq DESC',
    );
    this.#void = db.prepare('UPDATE commit_changes SET voided = 1 WHERE room = ? AND seq = ?');
    this.#declared = db.prepare(
      'SELECT adds, removes FROM commit_changes WHERE room = ? AND seq = ?',
    );
  }

  record(
    room: string,
    seq: number,
    epoch: number,
    declared: { adds: string[]; removes: string[] },
    undo: RosterUndo,
  ): void {
    const { adds, removes } = declared;
    this.#insert.run(
      room,
      seq,
      epoch,
      JSON.stringify(adds),
      JSON.stringify(removes),
      JSON.stringify(undo),
    );
  }

  /** The epoch of a commit that is still in the room's chain, undefined otherwise. */
  liveEpoch(room: string, seq: number): number | undefined {
    return (this.#target.get(room, seq) as { epoch: number } | undefined)?.epoch;
  }

  /** The undo records of the live commit at `seq` and every live commit after it, newest first. */
  liveFrom(room: string, seq: number): { seq: number; undo: RosterUndo }[] {
    const rows = this.#from.all(room, seq) as ChangeRow[];
    return rows.map((row) => ({ seq: row.seq, undo: JSON.parse(row.undo) as RosterUndo }));
  }

  markVoid(room: string, seq: number): void {
    this.#void.run(room, seq);
  }

  /** The declared change of the commit at `seq` (undefined for commits older than the table). */
  declared(room: string, seq: number): { adds: string[]; removes: string[] } | undefined {
    const row = this.#declared.get(room, seq) as { adds: string; removes: string } | undefined;
    if (!row) return undefined;
    return { adds: JSON.parse(row.adds) as string[], removes: JSON.parse(row.removes) as string[] };
  }
}
