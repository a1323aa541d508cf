import { epochOf, isActive, processCommit, type RoomGroup } from '@yam/crypto';
import { ErrorCode, YamError } from '@yam/protocol';
import type { ReceivedMessage } from '../types.ts';

export type CommitApplierHooks = {
  group(room: string): Promise<RoomGroup | undefined>;
  save(room: string, group: RoomGroup): Promise<void>;
  /** Our own commit sent under this cmid and not adopted yet (a lost ack). */
  inflight(room: string, from: string, cmid: string): RoomGroup | undefined;
  /** A commit took this device out of the group. */
  removed(room: string, by: string | undefined): Promise<void>;
};

/**
 * Applies a commit from the room log, in seq order (the caller holds the room's queue):
 * older epochs were applied already (or predate our join), our own commit is adopted,
 * anyone else's is processed; one that removes us says so. [P-DS1] [P-E2E2]
 */
export async function applyCommit(hooks: CommitApplierHooks, m: ReceivedMessage): Promise<void> {
  const group = await hooks.group(m.room);
  if (!group || !isActive(group) || m.epoch === undefined) return;
  const epoch = Number(epochOf(group));
  if (m.epoch < epoch) return;
  const own = hooks.inflight(m.room, m.from, m.cmid);
  if (own) return hooks.save(m.room, own);
  if (m.epoch > epoch) {
    throw new YamError(ErrorCode.Internal, `missed commits: at ${epoch}, got ${m.epoch}`);
  }
  const result = await processCommit(group, m.payload);
  await hooks.save(m.room, result.group);
  if (result.removed) await hooks.removed(m.room, m.from);
}
