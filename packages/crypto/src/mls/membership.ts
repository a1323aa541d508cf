import { createCommit, emptyPskIndex, joinGroup, type Proposal } from 'ts-mls';
import { equalBytes } from '../bytes.ts';
import { CryptoError } from '../crypto-error.ts';
import type { DeviceIdentity } from '../identity.ts';
import { cipherSuite } from './cipher-suite.ts';
import { yamClientConfig } from './client-config.ts';
import {
  keyPackageRef,
  type PendingKeyPackage,
  parseKeyPackage,
  privatePackageOf,
} from './key-package.ts';
import { MLS_LIMITS } from './limits.ts';
import { decodeMls, encodeMls } from './mls-codec.ts';
import { leafIndexOf, ownLeafIndex, type RoomGroup } from './room-group.ts';
import { assertActive } from './room-state.ts';
import { toCryptoError } from './to-crypto-error.ts';

/**
 * A commit this device made. `group` is the state after it: adopt it only once the
 * delivery service accepted `commit` for the current epoch; if another commit won,
 * process that one on the old group and make this change again (rebase).
 */
export type PendingCommit = {
  readonly commit: Uint8Array;
  readonly group: RoomGroup;
};

/** A commit that adds members, and the Welcome the new members join with. */
export type AddResult = PendingCommit & { readonly welcome: Uint8Array };

/**
 * Commits Add proposals for the given KeyPackages (each checked by parseKeyPackage, so a
 * substituted KeyPackage fails with BAD_CREDENTIAL before anything is committed).
 */
export async function addMembers(group: RoomGroup, keyPackages: Uint8Array[]): Promise<AddResult> {
  assertActive(group);
  if (keyPackages.length === 0) throw new CryptoError('INVALID_STATE', 'nothing to add');
  const proposals: Proposal[] = [];
  for (const bytes of keyPackages) {
    proposals.push({ proposalType: 'add', add: { keyPackage: await parseKeyPackage(bytes) } });
  }
  const result = await commit(group, proposals);
  if (result.welcome === undefined) throw new CryptoError('INVALID_STATE', 'no Welcome made');
  return result as AddResult;
}

/** Commits the removal of a member (by client ID). Removing oneself is not a commit. */
export async function removeMember(
  group: RoomGroup,
  clientId: string,
  leaveNotice?: Uint8Array,
): Promise<PendingCommit> {
  assertActive(group);
  const removed = leafIndexOf(group, clientId);
  if (removed === ownLeafIndex(group)) {
    throw new CryptoError('INVALID_STATE', 'a member cannot commit its own removal');
  }
  // The leaver's own signed notice lets any member commit its Remove. [P-ROLE2]
  const { commit: bytes, group: next } = await commit(
    group,
    [{ proposalType: 'remove', remove: { removed } }],
    leaveNotice,
  );
  return { commit: bytes, group: next };
}

/** Commits a key update only (fresh path secrets): heals a compromised epoch. */
export async function updateKeys(group: RoomGroup): Promise<PendingCommit> {
  assertActive(group);
  const { commit: bytes, group: next } = await commit(group, []);
  return { commit: bytes, group: next };
}

async function commit(
  group: RoomGroup,
  extraProposals: Proposal[],
  authenticatedData?: Uint8Array,
): Promise<PendingCommit & { welcome: Uint8Array | undefined }> {
  const cs = await cipherSuite();
  try {
    // The ratchet tree travels inside the Welcome so a joiner needs nothing else.
    const result = await createCommit(
      { state: group.state, cipherSuite: cs },
      {
        extraProposals,
        ratchetTreeExtension: true,
        ...(authenticatedData ? { authenticatedData } : {}),
      },
    );
    return {
      commit: encodeMls(result.commit),
      group: { state: result.newState },
      welcome:
        result.welcome === undefined
          ? undefined
          : encodeMls({ version: 'mls10', wireformat: 'mls_welcome', welcome: result.welcome }),
    };
  } catch (err) {
    throw toCryptoError(err, 'INVALID_STATE');
  }
}

/**
 * Joins a group from a Welcome, using whichever of this device's pending KeyPackages the
 * Welcome names. Returns the group and the KeyPackage it consumed (delete it: one-time).
 */
export async function joinFromWelcome(
  identity: DeviceIdentity,
  welcomeBytes: Uint8Array,
  pending: readonly PendingKeyPackage[],
): Promise<{ group: RoomGroup; used: PendingKeyPackage }> {
  const { welcome } = decodeMls(welcomeBytes, 'mls_welcome', MLS_LIMITS.handshakeBytes);
  const cs = await cipherSuite();
  if (welcome.cipherSuite !== cs.name) {
    throw new CryptoError('DECODE_FAILED', `unsupported cipher suite ${welcome.cipherSuite}`);
  }
  for (const candidate of pending) {
    const keyPackage = await parseKeyPackage(candidate.keyPackage);
    const ref = await keyPackageRef(keyPackage);
    if (!welcome.secrets.some((s) => equalBytes(s.newMember, ref))) continue;
    try {
      const state = await joinGroup(
        welcome,
        keyPackage,
        privatePackageOf(candidate, identity),
        emptyPskIndex,
        cs,
        undefined,
        undefined,
        yamClientConfig,
      );
      return { group: { state }, used: candidate };
    } catch (err) {
      throw toCryptoError(err, 'TAMPERED');
    }
  }
  throw new CryptoError('NOT_MEMBER', 'this Welcome is for none of our KeyPackages');
}
