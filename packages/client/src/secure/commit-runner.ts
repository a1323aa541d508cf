import type { RoomGroup } from '@yam/crypto';
import { epochOf } from '@yam/crypto';
import {
  type ClientId,
  type ClientMsgId,
  ErrorCode,
  isYamError,
  type RoomId,
  YamError,
} from '@yam/protocol';
import { EpochConflictError } from '../epoch-conflict.ts';
import { newClientMsgId } from '../outbox.ts';
import type { YamClient } from '../yam-client.ts';
import type { RoomQueue } from './room-queue.ts';

/** What an accepted commit changed in the membership, as its author declared it. */
export type CommitChange = {
  seq: number;
  ts: number;
  by: ClientId;
  adds: readonly ClientId[];
  removes: readonly ClientId[];
};

/**
 * The roster change a commit declares to the server: whom its Welcome adds, whom it
 * removes, and which of those are also banned from asking to join again. [P-MEM1] [P-ROLE3]
 */
export type DeclaredChange = {
  welcomeTo?: ClientId[];
  removes?: ClientId[];
  bans?: ClientId[];
};

/** A commit made on a group, not adopted yet; `welcome` when it adds members. */
export type MadeCommit = { commit: Uint8Array; group: RoomGroup; welcome?: Uint8Array };

export type CommitRunnerHooks = {
  client: YamClient;
  queue: RoomQueue;
  group(room: string): Promise<RoomGroup | undefined>;
  /** Our commit was accepted (seq, ts and its declared change with it). */
  adopt(room: string, group: RoomGroup, change: CommitChange): Promise<void>;
  /** The seq of the commit of `epoch` this device skipped, if any: our commit voids it. [P-MEM7] */
  voids(room: string, epoch: number): Promise<number | undefined>;
};

/** Rebase attempts before giving up: each lost race means someone else's commit went in. */
const MAX_ATTEMPTS = 6;
const CATCH_UP_MS = 15_000;

/**
 * Sends commits the delivery-service way: one per epoch. A commit's group is adopted only
 * once the server accepted it; when another commit won the epoch (EPOCH_CONFLICT), it
 * waits until that commit was processed and makes the change again on the new epoch. [P-DS1]
 * When this device skipped that commit (it could not be applied), the next attempt voids
 * it instead, so one bad commit never freezes the room. [P-MEM7]
 */
export class CommitRunner {
  readonly #hooks: CommitRunnerHooks;
  /** Own commits sent but not acked: if the ack was lost, the echo adopts them. */
  readonly #inflight = new Map<string, { cmid: ClientMsgId; group: RoomGroup }>();
  readonly #waiters = new Map<string, Set<{ epoch: number; resolve: () => void }>>();
  /** Per room, the skipped commit our last lost attempt voided (so we do not retry it at once). */
  readonly #triedVoids = new Map<string, number>();

  constructor(hooks: CommitRunnerHooks) {
    this.#hooks = hooks;
  }

  /**
   * Claims a new room with its first commit (epoch 0); the caller holds the room's queue.
   * A lost race throws EPOCH_CONFLICT, or returns false when `throwOnConflict` is false.
   */
  async claim(
    room: RoomId,
    made: MadeCommit,
    welcome?: { to: ClientId[]; data: Uint8Array },
    throwOnConflict = true,
  ): Promise<boolean> {
    try {
      await this.#hooks.client.mls.commit(room, 0, made.commit, welcome);
    } catch (error) {
      // Someone else's room: the server tells a non-member NOT_MEMBER, not its epoch. [P-MEM3]
      const taken = error instanceof EpochConflictError || isYamError(error, ErrorCode.NotMember);
      if (!taken) throw error;
      if (!throwOnConflict) return false;
      throw new YamError(ErrorCode.EpochConflict, 'this room already exists: join it instead');
    }
    // A member now: subscribe (commit sent without a subscription, as only members subscribe).
    void this.#hooks.client.join(room).catch(() => undefined);
    return true;
  }

  /**
   * Makes a commit with `make` on the room's current group and sends it, rebasing on a
   * lost race, with the roster change it makes declared to the server [P-MEM1]. `make` may
   * return null when the change is no longer needed (e.g. after a rebase the member is
   * already in). Resolves with what was committed.
   */
  async run(
    room: RoomId,
    make: (group: RoomGroup) => Promise<MadeCommit | null>,
    declared: DeclaredChange = {},
  ): Promise<MadeCommit | null> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const outcome = await this.#hooks.queue.run(room, () => this.#attempt(room, make, declared));
      if (outcome.kind === 'done') return outcome.made;
      await this.#untilEpochOrSkip(room, outcome.epoch);
    }
    throw new YamError(ErrorCode.EpochConflict, 'gave up after repeated commit races');
  }

  /** Our own commit, when `from`/`cmid` is one sent and not adopted yet (taken out). */
  inflight(room: string, from: string, cmid: string): RoomGroup | undefined {
    const own = this.#inflight.get(room);
    if (!own || from !== this.#hooks.client.clientId || own.cmid !== cmid) return undefined;
    this.#inflight.delete(room);
    return own.group;
  }

  /** Called whenever a room's group moves on: wakes rebases waiting for that epoch. */
  epochChanged(room: string, epoch: number): void {
    for (const waiter of this.#waiters.get(room) ?? []) {
      if (epoch >= waiter.epoch) waiter.resolve();
    }
  }

  /**
   * Called when this device skipped a commit of its epoch: the server's epoch will not be
   * reached, so waiting rebases retry now, voiding that commit. [P-MEM7]
   */
  skipped(room: string): void {
    for (const waiter of this.#waiters.get(room) ?? []) waiter.resolve();
  }

  async #attempt(
    room: RoomId,
    make: (group: RoomGroup) => Promise<MadeCommit | null>,
    declared: DeclaredChange,
  ): Promise<{ kind: 'done'; made: MadeCommit | null } | { kind: 'conflict'; epoch: number }> {
    const { welcomeTo, removes, bans } = declared;
    const group = await this.#hooks.group(room);
    if (!group) throw new YamError(ErrorCode.NotSubscribed, 'not a member of this room');
    const made = await make(group);
    if (!made) return { kind: 'done', made: null };
    const epoch = Number(epochOf(group));
    const cmid = newClientMsgId();
    const welcome =
      made.welcome && welcomeTo?.length ? { to: welcomeTo, data: made.welcome } : undefined;
    const voids = await this.#hooks.voids(room, epoch);
    this.#inflight.set(room, { cmid, group: made.group });
    let ack: { seq: number; ts: number };
    try {
      const options = {
        cmid,
        ...(removes ? { removes } : {}),
        ...(bans ? { bans } : {}),
        ...(voids ? { voids } : {}),
      };
      ack = await this.#hooks.client.mls.commit(room, epoch, made.commit, welcome, options);
    } catch (error) {
      if (!(error instanceof EpochConflictError)) throw error;
      this.#inflight.delete(room);
      if (voids) this.#triedVoids.set(room, voids);
      return { kind: 'conflict', epoch: error.epoch };
    }
    this.#triedVoids.delete(room);
    // The echo may have adopted it already (it can overtake the ack).
    if (this.#inflight.get(room)?.cmid === cmid) {
      this.#inflight.delete(room);
      const by = this.#hooks.client.clientId;
      const change = {
        seq: ack.seq,
        ts: ack.ts,
        by,
        adds: welcome?.to ?? [],
        removes: removes ?? [],
      };
      await this.#hooks.adopt(room, made.group, change);
    }
    return { kind: 'done', made };
  }

  async #untilEpochOrSkip(room: string, epoch: number): Promise<void> {
    const group = await this.#hooks.group(room);
    if (!group) return;
    const current = Number(epochOf(group));
    if (current >= epoch) return;
    const voids = await this.#hooks.voids(room, current);
    if (voids !== undefined && voids !== this.#triedVoids.get(room)) return;
    let waiters = this.#waiters.get(room);
    if (!waiters) {
      waiters = new Set();
      this.#waiters.set(room, waiters);
    }
    const set = waiters;
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        epoch,
        resolve: () => {
          clearTimeout(timer);
          set.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        set.delete(waiter);
        reject(new YamError(ErrorCode.EpochConflict, `could not catch up to epoch ${epoch}`));
      }, CATCH_UP_MS);
      set.add(waiter);
    });
  }
}
