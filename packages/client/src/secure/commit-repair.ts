import { epochOf, updateKeys } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';
import type { CommitRunner } from './commit-runner.ts';

/** Members who skipped the same commit repair at random moments in this window: one wins. */
const REPAIR_SPREAD_MS = 1_500;

/**
 * After this device skipped a commit of `epoch` [P-MEM7]: unless someone else's valid commit
 * moves the room on first, commits a key update that voids the skipped commit, so the
 * server's roster and epoch follow the group again. Several members may try; the first
 * wins and the others, having moved on, commit nothing.
 */
export async function repairAfterSkip(
  commits: CommitRunner,
  room: RoomId,
  epoch: number,
  stillSkipped: (epoch: number) => Promise<boolean>,
): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.random() * REPAIR_SPREAD_MS));
  await commits.run(room, async (group) =>
    Number(epochOf(group)) === epoch && (await stillSkipped(epoch)) ? updateKeys(group) : null,
  );
}

/**
 * Waits between attempts to subscribe again after a false eviction: often at first (the
 * repair usually lands within a couple of seconds), then less often, ~24 s in all.
 */
const REJOIN_DELAYS_MS = [500, 1_000, 1_000, 2_000, 2_000, 4_000, 4_000, 8_000];

/**
 * A commit this device skipped told the server we left, so the server ended our
 * subscription. Once another member's commit voids it, the server takes us back: subscribe
 * again, retrying while the repair has not happened yet. [P-MEM7]
 */
export async function rejoinAfterFalseEviction(join: () => Promise<void>): Promise<boolean> {
  for (const delay of REJOIN_DELAYS_MS) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    try {
      await join();
      return true;
    } catch {
      // Not voided yet: the server still refuses us.
    }
  }
  return false;
}
