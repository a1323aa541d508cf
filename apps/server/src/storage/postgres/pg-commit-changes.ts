import type { RosterUndo } from '../sqlite/sqlite-commit-changes.ts';
import { type Db, rows } from './pg-pool.ts';

/**
 * The commit_changes table of PostgresStorage: every commit's declared roster change and
 * its undo record, so a commit members could not apply can be voided. [P-MEM7]
 */
export const pgCommitChanges = {
  async record(
    db: Db,
    room: string,
    seq: number,
    epoch: number,
    declared: { adds: string[]; removes: string[] },
    undo: RosterUndo,
  ): Promise<void> {
    await rows(
      db,
      'INSERT INTO commit_changes (room, seq, epoch, adds, removes, undo) VALUES ($1, $2, $3, $4, $5, $6)',
      [
        room,
        seq,
        epoch,
        JSON.stringify(declared.adds),
        JSON.stringify(declared.removes),
        JSON.stringify(undo),
      ],
    );
  },

  /** The epoch of a commit that is still in the room's chain, undefined otherwise. */
  async liveEpoch(db: Db, room: string, seq: number): Promise<number | undefined> {
    const [row] = await rows<{ epoch: number }>(
      db,
      'SELECT epoch FROM commit_changes WHERE room = $1 AND seq = $2 AND NOT voided',
      [room, seq],
    );
    return row?.epoch;
  },

  /** The undo records of the live commit at `seq` and every live commit after it, newest first. */
  async liveFrom(db: Db, room: string, seq: number): Promise<{ seq: number; undo: RosterUndo }[]> {
    return rows<{ seq: number; undo: RosterUndo }>(
      db,
      'SELECT seq, undo FROM commit_changes WHERE room = $1 AND seq >= $2 AND NOT voided ORDER BY seq DESC',
      [room, seq],
    );
  },

  async markVoid(db: Db, room: string, seq: number): Promise<void> {
    await rows(db, 'UPDATE commit_changes SET voided = true WHERE room = $1 AND seq = $2', [
      room,
      seq,
    ]);
  },
};
