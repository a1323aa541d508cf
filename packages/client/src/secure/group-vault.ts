import {
  deserializeRoomGroup,
  epochOf,
  epochSealKey,
  groupTreeRef,
  isActive,
  openForEpoch,
  type RoomGroup,
  sealedEpoch,
  sealForEpoch,
  serializeGroupTree,
  serializeRoomGroupState,
} from '@yam/crypto';
import { ErrorCode, YamError } from '@yam/protocol';
import type { SecretStore } from './secret-store.ts';

/**
 * Where a device's MLS groups live: the SecretStore (optionally cached in memory), plus
 * each epoch's seal key, kept so records sealed in an epoch stay readable after later
 * commits. [P-E2E6]
 *
 * A group is saved after every message (its ratchet secrets move on), but its ratchet
 * tree, the part that grows with the group, changes only with commits: it is stored apart
 * (`groupTree`, keyed by its hash) and written only when it changed, before the state that
 * names it, so a crash between the two writes leaves the old pair intact.
 */
export class GroupVault {
  readonly #store: SecretStore;
  readonly #cache: Map<string, RoomGroup> | undefined;
  /** Last epoch whose seal key was stored, per room. */
  readonly #epochs = new Map<string, number>();
  /** The ratchet tree last stored per room (by identity: ts-mls shares it until a commit). */
  readonly #trees = new Map<string, { tree: unknown; ref: string }>();
  readonly #saving = new Map<string, Promise<void>>();

  constructor(store: SecretStore, cache: boolean) {
    this.#store = store;
    this.#cache = cache ? new Map() : undefined;
  }

  /** The room's current group on this device (undefined: not a member). */
  async get(room: string): Promise<RoomGroup | undefined> {
    const cached = this.#cache?.get(room);
    if (cached) return cached;
    const bytes = await this.#store.get('group', room);
    if (!bytes) return undefined;
    const ref = groupTreeRef(bytes);
    const tree =
      ref === undefined ? undefined : await this.#store.get('groupTree', `${room}\n${ref}`);
    const group = deserializeRoomGroup(bytes, tree);
    if (ref !== undefined) this.#trees.set(room, { tree: group.state.ratchetTree, ref });
    this.#cache?.set(room, group);
    return group;
  }

  /** Saves the group; resolves true when it reached an epoch new to this device. */
  async save(room: string, group: RoomGroup): Promise<boolean> {
    this.#cache?.set(room, group);
    await this.#saveState(room, group);
    const epoch = Number(epochOf(group));
    if (this.#epochs.get(room) === epoch || !isActive(group)) return false;
    this.#epochs.set(room, epoch);
    const key = `${room}\n${epoch}`;
    if (await this.#store.get('epochKey', key)) return false;
    await this.#store.put('epochKey', key, await epochSealKey(group, room));
    return true;
  }

  /** Saves of one room run one after another, so a tree is never dropped while named. */
  #saveState(room: string, group: RoomGroup): Promise<void> {
    const next = (this.#saving.get(room) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.#writeState(room, group));
    this.#saving.set(room, next);
    return next;
  }

  async #writeState(room: string, group: RoomGroup): Promise<void> {
    const saved = this.#trees.get(room);
    if (saved?.tree === group.state.ratchetTree) {
      await this.#store.put('group', room, serializeRoomGroupState(group, saved.ref));
      return;
    }
    const { bytes, ref } = serializeGroupTree(group);
    await this.#store.put('groupTree', `${room}\n${ref}`, bytes);
    await this.#store.put('group', room, serializeRoomGroupState(group, ref));
    this.#trees.set(room, { tree: group.state.ratchetTree, ref });
    await this.#dropTrees(room, ref);
  }

  /** Deletes the room's stored trees but `keep`. */
  async #dropTrees(room: string, keep?: string): Promise<void> {
    for (const { key } of await this.#store.list('groupTree', `${room}\n`)) {
      if (key !== `${room}\n${keep}`) await this.#store.delete('groupTree', key);
    }
  }

  /** Drops the room's group and epoch keys from this device (it left the room). */
  async forget(room: string): Promise<void> {
    await this.#saving.get(room)?.catch(() => undefined);
    this.#cache?.delete(room);
    this.#epochs.delete(room);
    this.#trees.delete(room);
    await this.#store.delete('group', room);
    await this.#dropTrees(room);
    for (const { key } of await this.#store.list('epochKey', `${room}\n`)) {
      await this.#store.delete('epochKey', key);
    }
  }

  /** Seals a record for the members of the room's current epoch. */
  async seal(room: string, plaintext: Uint8Array): Promise<Uint8Array> {
    const group = await this.get(room);
    if (!group || !isActive(group)) {
      throw new YamError(ErrorCode.NotSubscribed, 'not a member of this room');
    }
    return sealForEpoch(await epochSealKey(group, room), Number(epochOf(group)), plaintext);
  }

  /** Opens a sealed record; undefined when this device has no key for its epoch. */
  async open(room: string, sealed: Uint8Array): Promise<Uint8Array | undefined> {
    const epoch = sealedEpoch(sealed);
    if (epoch === undefined) return undefined;
    const key = await this.#store.get('epochKey', `${room}\n${epoch}`);
    return key ? openForEpoch(key, sealed) : undefined;
  }
}
