import {
  deserializeRoomGroup,
  epochOf,
  epochSealKey,
  isActive,
  openForEpoch,
  type RoomGroup,
  sealedEpoch,
  sealForEpoch,
  serializeRoomGroup,
} from '@yam/crypto';
import { ErrorCode, YamError } from '@yam/protocol';
import type { SecretStore } from './secret-store.ts';

/**
 * Where a device's MLS groups live: the SecretStore (optionally cached in memory), plus
 * each epoch's seal key, kept so records sealed in an epoch stay readable after later
 * commits. [P-E2E6]
 */
export class GroupVault {
  readonly #store: SecretStore;
  readonly #cache: Map<string, RoomGroup> | undefined;
  /** Last epoch whose seal key was stored, per room. */
  readonly #epochs = new Map<string, number>();

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
    const group = deserializeRoomGroup(bytes);
    this.#cache?.set(room, group);
    return group;
  }

  /** Saves the group; resolves true when it reached an epoch new to this device. */
  async save(room: string, group: RoomGroup): Promise<boolean> {
    this.#cache?.set(room, group);
    await this.#store.put('group', room, serializeRoomGroup(group));
    const epoch = Number(epochOf(group));
    if (this.#epochs.get(room) === epoch || !isActive(group)) return false;
    this.#epochs.set(room, epoch);
    const key = `${room}\n${epoch}`;
    if (await this.#store.get('epochKey', key)) return false;
    await this.#store.put('epochKey', key, await epochSealKey(group, room));
    return true;
  }

  /** Drops the room's group and epoch keys from this device (it left the room). */
  async forget(room: string): Promise<void> {
    this.#cache?.delete(room);
    this.#epochs.delete(room);
    await this.#store.delete('group', room);
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
