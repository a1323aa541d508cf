import type pg from 'pg';
import type { RosterUndo } from '../sqlite/sqlite-commit-changes.ts';
import type { CommitInput, CommitResult } from '../storage.ts';
import { pgCommitChanges as changes } from './pg-commit-changes.ts';
import { pgInbox } from './pg-inbox-table.ts';
import { rows } from './pg-pool.ts';
import { pgRoster as roster } from './pg-roster.ts';
import { admitWelcomePg } from './pg-welcome-doors.ts';

/**
 * Stores a commit as SqliteStorage does [P-DS1] [P-DS3] [P-MEM1] [P-MEM3] [P-MEM7], inside
 * the caller's transaction. The room's row is locked first (created when new), so one
 * commit per epoch holds with any number of servers: a second commit for the epoch waits,
 * then sees the epoch moved on. Then, in order: duplicate check (a resend after a lost ack
 * must not conflict), membership, epoch, the Welcome's doors.
 */
export async function appendCommitPg(db: pg.PoolClient, input: CommitInput): Promise<CommitResult> {
  const { room, from } = input;
  const [locked] = await rows<{ epoch: number }>(
    db,
    `INSERT INTO rooms AS r (room, head) VALUES ($1, 0)
     ON CONFLICT (room) DO UPDATE SET head = r.head RETURNING epoch`,
    [room],
  );
  const current = locked!.epoch;
  const [existing] = await rows<{ seq: number; ts: number }>(
    db,
    'SELECT seq, ts FROM messages WHERE room = $1 AND client_id = $2 AND cmid = $3',
    [room, from, input.cmid],
  );
  if (existing) {
    return {
      ok: true,
      ...existing,
      duplicate: true,
      epoch: current,
      welcomeIds: [],
      removed: [],
      answered: [],
    };
  }
  const claim = current === 0 && input.epoch === 0 && !(await roster.claimed(db, room));
  const voided =
    input.voids === undefined ? [] : await voidable(db, room, input.voids, input.epoch);
  if (!voided) return { ok: false, reason: 'epoch', epoch: current };
  // A member the voided commits put out may void them: membership as it was before them.
  if (!claim && !(await memberAfterUndo(db, room, from, voided))) {
    return { ok: false, reason: 'not-member' };
  }
  // A void sets the room back to the voided commit's epoch (checked by voidable).
  const epoch = voided.length > 0 ? input.epoch : current;
  if (epoch !== input.epoch) return { ok: false, reason: 'epoch', epoch };
  const { welcome, doors } = input;
  const size = welcome?.data.length ?? 0;
  const admitted =
    welcome && doors && (await admitWelcomePg(db, { ...welcome, room, from, bytes: size }, doors));
  if (admitted && !admitted.ok) return { ...admitted, reason: 'welcome' };
  const unvoided = await undo(db, room, voided);
  const [stored] = await rows<{ head: number }>(
    db,
    'UPDATE rooms SET head = head + 1, epoch = $2 WHERE room = $1 RETURNING head',
    [room, input.epoch + 1],
  );
  const seq = stored!.head;
  await rows(
    db,
    `INSERT INTO messages (room, seq, client_id, cmid, ts, payload, kind, epoch)
     VALUES ($1, $2, $3, $4, $5, $6, 'commit', $7)`,
    [room, seq, from, input.cmid, input.ts, input.payload, input.epoch],
  );
  const welcomeIds = welcome
    ? await pgInbox.store(db, room, from, input.ts, welcome.to, welcome.data)
    : [];
  const added = claim && (await roster.add(db, room, from, 'owner')) ? [from] : [];
  for (const to of welcome?.to ?? []) if (await roster.add(db, room, to)) added.push(to);
  const left = await roster.remove(db, room, input.removes ?? []);
  const banned = await roster.ban(db, room, input.bans ?? []);
  const declared = { adds: welcome?.to ?? [], removes: input.removes ?? [] };
  const undoRecord = { added, removed: left, ...(banned.length ? { banned } : {}) };
  await changes.record(db, room, seq, input.epoch, declared, undoRecord);
  const removed: string[] = [];
  for (const id of new Set([...unvoided, ...left.map((e) => e.clientId)])) {
    if (!(await roster.has(db, room, id))) removed.push(id);
  }
  return {
    ok: true,
    seq,
    ts: input.ts,
    duplicate: false,
    epoch: epoch + 1,
    welcomeIds,
    removed,
    answered: admitted?.answered ?? [],
  };
}

/**
 * [P-MEM7] The live commits `voids` would void, newest first: the live commit at `seq`,
 * made in `epoch`, and every live commit after it. Undefined when `seq` is no live commit of
 * that epoch. A room's claim (epoch 0) is never voided.
 */
async function voidable(db: pg.PoolClient, room: string, seq: number, epoch: number) {
  if (epoch === 0 || (await changes.liveEpoch(db, room, seq)) !== epoch) return undefined;
  return changes.liveFrom(db, room, seq);
}

async function memberAfterUndo(
  db: pg.PoolClient,
  room: string,
  clientId: string,
  voided: { undo: RosterUndo }[],
): Promise<boolean> {
  let member = await roster.has(db, room, clientId);
  for (const { undo } of voided) {
    if (undo.added.includes(clientId)) member = false;
    if (undo.removed.some((e) => e.clientId === clientId)) member = true;
  }
  return member;
}

/** Voids the commits, undoing their roster changes newest first. Returns who left. */
async function undo(
  db: pg.PoolClient,
  room: string,
  voided: { seq: number; undo: RosterUndo }[],
): Promise<string[]> {
  const left: string[] = [];
  for (const { seq, undo } of voided) {
    await changes.markVoid(db, room, seq);
    left.push(...(await roster.remove(db, room, undo.added)).map((e) => e.clientId));
    for (const entry of undo.removed) await roster.add(db, room, entry.clientId, entry.role);
    await roster.unban(db, room, undo.banned ?? []);
  }
  return left;
}
