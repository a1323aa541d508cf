import {
  commitAllowed,
  epochOf,
  isActive,
  isCryptoError,
  mayRemove,
  membersOf,
  processCommit,
  type RoomGroup,
  rolesOf,
  verifyLeaveNotice,
} from '@yam/crypto';
import type { ReceivedMessage } from '../types.ts';
import type { CommitChange } from './commit-runner.ts';
import { isDmRoomId } from './dm-room-id.ts';

/** A commit of our epoch that was skipped, and whether it told the server we were removed. */
export type Skip = {
  seq: number;
  epoch: number;
  reason: 'invalid' | 'undeclared' | 'unauthorized';
  evictsUs: boolean;
};

export type CommitApplierHooks = {
  group(room: string): Promise<RoomGroup | undefined>;
  save(room: string, group: RoomGroup): Promise<void>;
  /** Our own commit sent under this cmid and not adopted yet (a lost ack). */
  inflight(room: string, from: string, cmid: string): RoomGroup | undefined;
  /** A commit took this device out of the group. */
  removed(room: string, by: string | undefined): Promise<void>;
  /** A commit of our epoch could not be applied: the room stays in this epoch. [P-MEM7] */
  skipped(room: string, skip: Skip): Promise<void>;
  /** A commit was applied (ours, echoed, or another member's), with its checked change. */
  applied(room: string, change: CommitChange): void;
  /** The epoch this device joined the room at (from a Welcome), if it joined that way. */
  joinEpoch(room: string): Promise<number | undefined>;
};

/**
 * Applies a commit from the room log, in seq order (the caller holds the room's queue).
 * Every member follows the same rule, so all agree which commit defines each epoch: the
 * first commit of our epoch that is valid and does to the roster what it declared to the
 * server wins; commits of other epochs are skipped (older ones were applied or lost their
 * race, newer ones follow a commit we skipped). A skipped commit is voided by the next
 * commit of this epoch. [P-DS1] [P-E2E2] [P-MEM7]
 */
export async function applyCommit(
  hooks: CommitApplierHooks,
  m: ReceivedMessage,
  me: string,
): Promise<void> {
  const group = await hooks.group(m.room);
  if (!group || !isActive(group) || m.epoch === undefined) return;
  const epoch = Number(epochOf(group));
  const change = {
    seq: m.seq,
    ts: m.ts,
    by: m.from,
    adds: m.adds ?? [],
    removes: m.removes ?? [],
  };
  if (m.epoch === epoch - 1 && m.adds?.includes(me as never) && !isDmRoomId(m.room)) {
    // The commit that let us in (we joined from its Welcome): the timeline says who. [P-E2E8]
    if ((await hooks.joinEpoch(m.room)) === epoch) hooks.applied(m.room, change);
    return;
  }
  if (m.epoch !== epoch) return;
  const own = hooks.inflight(m.room, m.from, m.cmid);
  if (own) {
    await hooks.save(m.room, own);
    return hooks.applied(m.room, change);
  }
  let result: Awaited<ReturnType<typeof processCommit>>;
  try {
    result = await processCommit(group, m.payload);
  } catch (error) {
    if (!isCryptoError(error)) throw error;
    const evictsUs = m.removes?.includes(me as never) ?? false;
    return hooks.skipped(m.room, { seq: m.seq, epoch, reason: 'invalid', evictsUs });
  }
  const declared = m.adds !== undefined || m.removes !== undefined;
  const kept = result.removed
    ? !declared || (m.removes?.includes(me as never) ?? false)
    : keepsItsWord(group, result.group, m);
  // [P-ROLE2] Removals and role changes only by those the room's roles allow.
  const allowed = result.removed
    ? mayRemove(rolesOf(group), m.from, me) ||
      verifyLeaveNotice(group, me, result.authenticatedData)
    : commitAllowed(group, result.group, m.from, result.authenticatedData);
  if (!kept || !allowed) {
    const evictsUs = m.removes?.includes(me as never) ?? false;
    const reason = kept ? 'unauthorized' : 'undeclared';
    return hooks.skipped(m.room, { seq: m.seq, epoch, reason, evictsUs });
  }
  await hooks.save(m.room, result.group);
  hooks.applied(m.room, change);
  if (result.removed) await hooks.removed(m.room, m.from);
}

/**
 * Whether the members a commit added and removed are exactly those it declared to the
 * server (which let them in or out of the room on that word). Commits stored before
 * declarations were kept carry none and are taken as they are. [P-MEM7]
 */
function keepsItsWord(before: RoomGroup, after: RoomGroup, m: ReceivedMessage): boolean {
  if (m.adds === undefined && m.removes === undefined) return true;
  const was = new Set(membersOf(before).map((x) => x.clientId));
  const is = new Set(membersOf(after).map((x) => x.clientId));
  const added = [...is].filter((id) => !was.has(id));
  const removed = [...was].filter((id) => !is.has(id));
  return sameSet(added, m.adds ?? []) && sameSet(removed, m.removes ?? []);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(b);
  return a.length === set.size && a.every((x) => set.has(x));
}
