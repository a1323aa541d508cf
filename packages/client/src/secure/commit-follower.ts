import type { ClientId, RoomId } from '@yam/protocol';
import type { Emitter } from '../emitter.ts';
import type { YamClient } from '../yam-client.ts';
import type { Skip } from './commit-applier.ts';
import { rejoinAfterFalseEviction, repairAfterSkip } from './commit-repair.ts';
import type { CommitChange, CommitRunner } from './commit-runner.ts';
import type { RefusedRooms } from './refused-rooms.ts';
import { decodeMeta, encodeMeta, type RoomMeta } from './secret-records.ts';
import type { SecretStore } from './secret-store.ts';
import type { SecureEvents } from './secure-events.ts';

export type CommitFollowerDeps = {
  client: YamClient;
  store: SecretStore;
  events: Emitter<SecureEvents>;
  commits: () => CommitRunner;
  refusals: () => RefusedRooms;
  failed(error: unknown, room: string): void;
};

/**
 * What SecureRooms does with what the commit applier finds, per room: a removal of this
 * device, a commit applied (a timeline line), a commit skipped (remembered, repaired, and
 * a false eviction undone) [P-MEM7], and who asked to leave ("Carol left").
 */
export class CommitFollower {
  readonly #deps: CommitFollowerDeps;
  /** Per room, members whose "leave" we read and whose Remove has not come yet. */
  readonly #leavers = new Map<string, Set<ClientId>>();

  constructor(deps: CommitFollowerDeps) {
    this.#deps = deps;
  }

  async removed(room: string, by: string | undefined): Promise<void> {
    const meta = (await this.#meta(room)) ?? { joinEpoch: 0 };
    await this.#deps.store.put('room', room, encodeMeta({ ...meta, removed: true }));
    const id = room as RoomId;
    this.#deps.events.emit(
      'removed',
      by === undefined ? { room: id } : { room: id, by: by as ClientId },
    );
  }

  /** A member said it leaves (its signed notice was read). */
  leaving(room: string, from: ClientId): void {
    const leavers = this.#leavers.get(room) ?? new Set<ClientId>();
    this.#leavers.set(room, leavers.add(from));
  }

  /** A commit changed who is in the room: the `membership` event for the timeline. */
  changed(room: string, change: CommitChange): void {
    const { seq, ts, by } = change;
    const [added, removed] = [[...change.adds], [...change.removes]];
    if (added.length === 0 && removed.length === 0) return;
    const leavers = this.#leavers.get(room);
    const left = removed.length > 0 && removed.every((id) => leavers?.has(id));
    for (const id of removed) leavers?.delete(id);
    const event = { room: room as RoomId, seq, ts, by, added, removed, left };
    this.#deps.events.emit('membership', event);
  }

  async joinEpoch(room: string): Promise<number | undefined> {
    return (await this.#meta(room))?.joinEpoch;
  }

  /** The commit of `epoch` this device skipped, if any. [P-MEM7] */
  async skippedSeq(room: string, epoch: number): Promise<number | undefined> {
    const skipped = (await this.#meta(room))?.skipped;
    return skipped?.epoch === epoch ? skipped.seq : undefined;
  }

  /** [P-MEM7] Remembers the skip (our next commit voids it) and repairs the room now. */
  async skipped(room: string, { seq, epoch, evictsUs }: Skip): Promise<void> {
    const { store, client } = this.#deps;
    const meta = (await this.#meta(room)) ?? { joinEpoch: 0 };
    await store.put('room', room, encodeMeta({ ...meta, skipped: { epoch, seq } }));
    const commits = this.#deps.commits();
    commits.skipped(room);
    const id = room as RoomId;
    if (evictsUs) {
      // The server dropped us on the commit's word: the repair (ours or another member's) takes us back.
      // A refused `join` resolves but leaves the room out of `rooms()`: try again later.
      const join = async () => {
        await client.join(id);
        if (!client.rooms().includes(id)) throw new Error('not taken back yet');
      };
      void this.#deps.refusals().claiming(id, () => rejoinAfterFalseEviction(join));
    }
    const stillSkipped = async (e: number) => (await this.skippedSeq(room, e)) !== undefined;
    void repairAfterSkip(commits, id, epoch, stillSkipped).catch((error) =>
      this.#deps.failed(error, room),
    );
  }

  async #meta(room: string): Promise<RoomMeta | undefined> {
    return decodeMeta(await this.#deps.store.get('room', room));
  }
}
