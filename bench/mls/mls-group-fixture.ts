import {
  addMembers,
  createIdentity,
  createKeyPackage,
  createRoomGroup,
  type DeviceIdentity,
  deserializeRoomGroup,
  joinFromWelcome,
  type PendingKeyPackage,
  type RoomGroup,
  serializeRoomGroup,
} from '@yam/crypto';

/**
 * A group of `size` members built quickly, as the starting point of the measured steps.
 * Only the devices the scenarios use hold a state: the creator (leaf 0), which commits,
 * and when size >= 2 one other member (leaf 1), which processes commits. The others were
 * added by a real Add commit but never join; nothing they would do is measured.
 */
export type GroupFixture = {
  readonly size: number;
  readonly creator: RoomGroup;
  readonly member: RoomGroup | undefined;
};

/** A fresh device with a KeyPackage, ready to be added. */
export type Joiner = { readonly identity: DeviceIdentity; readonly pending: PendingKeyPackage };

/** Creates a device identity and one KeyPackage for it. */
export async function newJoiner(): Promise<Joiner> {
  const identity = createIdentity();
  return { identity, pending: await createKeyPackage(identity) };
}

/**
 * Builds a group of `size` members: the creator makes the room, then one commit adds all
 * the others at once (the fastest way to reach 200). Its ratchet tree is the one such a
 * batch leaves: the creator's path is set, the other parent nodes are blank, so the next
 * committer encrypts its path secrets to every leaf separately (the costly case).
 */
export async function buildGroup(size: number, roomId: string): Promise<GroupFixture> {
  if (size < 1) throw new RangeError('a group has at least one member');
  const creatorIdentity = createIdentity();
  const created = await createRoomGroup(creatorIdentity, roomId);
  if (size === 1) return { size, creator: created, member: undefined };
  const joiners = await Promise.all(Array.from({ length: size - 1 }, newJoiner));
  const added = await addMembers(
    created,
    joiners.map((j) => j.pending.keyPackage),
  );
  const first = joiners[0]!;
  const { group: member } = await joinFromWelcome(first.identity, added.welcome, [first.pending]);
  return { size, creator: added.group, member };
}

/**
 * A deep copy of a group state, so every repetition starts from the same keys. Needed:
 * encrypting or decrypting wipes the spent ratchet secret in place, and that buffer is
 * shared with the state it came from, so reusing an old state object gives wrong keys.
 */
export function cloneGroup(group: RoomGroup): RoomGroup {
  return deserializeRoomGroup(serializeRoomGroup(group));
}
