import { sha256 } from '@noble/hashes/sha2.js';
import { type ClientState, createGroup } from 'ts-mls';
import { CryptoError } from '../crypto-error.ts';
import { clientIdOf, type DeviceIdentity } from '../identity.ts';
import { LABELS } from '../labels.ts';
import { cipherSuite } from './cipher-suite.ts';
import { yamClientConfig } from './client-config.ts';
import { createKeyPackage, parseKeyPackage, privatePackageOf } from './key-package.ts';
import { rolesExtension } from './roles-codec.ts';

/**
 * One device's view of a room's MLS group. Immutable: every operation returns a new
 * RoomGroup, so a client keeps the old one until the server accepts a commit (and can
 * rebase when another commit won the epoch). Holds private keys: persist it encrypted-at-
 * rest where the platform allows, and only via `serializeRoomGroup`.
 */
export type RoomGroup = { readonly state: ClientState };

/** A member as the group's ratchet tree names it. */
export type RoomMember = { readonly clientId: string; readonly publicKey: Uint8Array };

/** Creates a new MLS group for a room; the creator is its only member and owner, at epoch 0. [P-ROLE1] */
export async function createRoomGroup(
  identity: DeviceIdentity,
  roomId: string,
): Promise<RoomGroup> {
  const cs = await cipherSuite();
  const pending = await createKeyPackage(identity);
  const keyPackage = await parseKeyPackage(pending.keyPackage);
  const state = await createGroup(
    groupIdOf(roomId),
    keyPackage,
    privatePackageOf(pending, identity),
    [
      rolesExtension({
        owner: clientIdOf(identity.publicKey),
        admins: [],
        membersMayRemove: false,
      }),
    ],
    cs,
    yamClientConfig,
  );
  return { state };
}

/**
 * The MLS group ID of a room: SHA-256 of the room ID, so the server-visible group ID leaks
 * nothing the room ID did not already, and has a fixed size.
 */
export function groupIdOf(roomId: string): Uint8Array {
  return sha256(new TextEncoder().encode(`${LABELS.roomGroup}${roomId}`));
}

/** The group's current epoch. */
export function epochOf(group: RoomGroup): bigint {
  return group.state.groupContext.epoch;
}

/** This device's leaf index in the tree. */
export function ownLeafIndex(group: RoomGroup): number {
  return group.state.privatePath.leafIndex;
}

/** The members in leaf order (blank leaves skipped). */
export function membersOf(group: RoomGroup): RoomMember[] {
  return leaves(group).map(({ member }) => member);
}

/** Leaf index of the member with this client ID; throws NOT_MEMBER when absent. */
export function leafIndexOf(group: RoomGroup, clientId: string): number {
  const found = leaves(group).find(({ member }) => member.clientId === clientId);
  if (found === undefined) throw new CryptoError('NOT_MEMBER', `${clientId} is not a member`);
  return found.leafIndex;
}

function leaves(group: RoomGroup): { leafIndex: number; member: RoomMember }[] {
  const out: { leafIndex: number; member: RoomMember }[] = [];
  group.state.ratchetTree.forEach((node, nodeIndex) => {
    if (node?.nodeType !== 'leaf') return;
    const publicKey = node.leaf.signaturePublicKey;
    out.push({ leafIndex: nodeIndex / 2, member: { clientId: clientIdOf(publicKey), publicKey } });
  });
  return out;
}
