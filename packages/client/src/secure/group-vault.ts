import {
  deserializeRoomGroup,
  epochOf,
  epochSealKey,
  type GroupPart,
  type GroupPartRefs,
  groupPartRefs,
  isActive,
  openForEpoch,
  type RoomGroup,
  sealedEpoch,
  sealForEpoch,
  serializeGroupPart,
  serializeRoomGroupState,
} from '@yam/crypto';
import { ErrorCode, YamError } from '@yam/protocol';
import type { SecretStore } from './secret-store.ts';

/**
 * Where a device's MLS groups live: the SecretStore (optionally cached in memory), plus
 * each epoch's seal key, kept so records sealed in an epoch stay readable after later
 * commits. [P-E2E6]
 *
 * A group is saved after every message (its ratchet secrets move on), but the parts that
 * grow with the group (its ratchet tree, past epochs' receiver data) change only with
 * commits: they are stored apart (`groupPart`, keyed by hash) and written only when they
 * changed, before the core that names them, so a crash between writes leaves the old
 * set intact.
 */
export class GroupVault {
  readonly #store: SecretStore;
  readonly #cache: Map<string, RoomGroup> | undefined;
  /** Last epoch whose seal key was stored, per room. */
  readonly #epochs = new Map<string, number>();
  /** The parts last stored per room (by identity: ts-mls shares them until a commit). */
  readonly #parts = new Map<string, Record<GroupPart, { value: unknown; ref: string }>>();
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
    const refs = groupPartRefs(bytes);
    const group = deserializeRoomGroup(bytes, refs && (await this.#readParts(room, refs)));
    if (refs) this.#parts.set(room, partsOf(group, refs));
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
    const saved = this.#parts.get(room);
    const refs: Record<GroupPart, string> = { tree: '', history: '' };
    let changed = false;
    for (const part of PARTS) {
      const same = saved?.[part];
      if (same && same.value === partValue(group, part)) {
        refs[part] = same.ref;
        continue;
      }
      const { bytes, ref } = serializeGroupPart(group, part);
      await this.#store.put('groupPart', `${room}\n${ref}`, bytes);
      refs[part] = ref;
      changed = true;
    }
    await this.#store.put('group', room, serializeRoomGroupState(group, refs));
    if (!changed) return;
    this.#parts.set(room, partsOf(group, refs));
    await this.#dropParts(room, refs);
  }

  async #readParts(room: string, refs: GroupPartRefs) {
    return {
      tree: await this.#store.get('groupPart', `${room}\n${refs.tree}`),
      history: await this.#store.get('groupPart', `${room}\n${refs.history}`),
    };
  }

  /** Deletes the room's stored parts but those `keep` names. */
  async #dropParts(room: string, keep?: GroupPartRefs): Promise<void> {
    const kept = new Set(keep ? [keep.tree, keep.history].map((ref) => `${room}\n${ref}`) : []);
    for (const { key } of await this.#store.list('groupPart', `${room}\n`)) {
      if (!kept.has(key)) await this.#store.delete('groupPart', key);
    }
  }

  /** Drops the room's group and epoch keys from this device (it left the room). */
  async forget(room: string): Promise<void> {
    await this.#saving.get(room)?.catch(() => undefined);
    this.#cache?.delete(room);
    this.#epochs.delete(room);
    this.#parts.delete(room);
    await this.#store.delete('group', room);
    await this.#dropParts(room);
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

const PARTS: readonly GroupPart[] = ['tree', 'history'];

function partValue(group: RoomGroup, part: GroupPart): unknown {
  return part === 'tree' ? group.state.ratchetTree : group.state.historicalReceiverData;
}

function partsOf(group: RoomGroup, refs: GroupPartRefs) {
  return {
    tree: { value: partValue(group, 'tree'), ref: refs.tree },
    history: { value: partValue(group, 'history'), ref: refs.history },
  };
}
