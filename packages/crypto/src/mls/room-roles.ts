import { createCommit } from 'ts-mls';
import { equalBytes } from '../bytes.ts';
import { CryptoError } from '../crypto-error.ts';
import { cipherSuite } from './cipher-suite.ts';
import { verifyLeaveNotice } from './leave-notice.ts';
import type { PendingCommit } from './membership.ts';
import { encodeMls } from './mls-codec.ts';
import {
  decodeRoles,
  encodeRoles,
  MAX_ADMINS,
  ROLES_EXTENSION,
  type RoomRoles,
  rolesExtension,
} from './roles-codec.ts';
import { membersOf, type RoomGroup } from './room-group.ts';
import { assertActive } from './room-state.ts';
import { toCryptoError } from './to-crypto-error.ts';

export type { RoomRoles } from './roles-codec.ts';

export type Role = 'owner' | 'admin' | 'member';

/** The group's roles; undefined for a group made before roles (everyone may remove there). */
export function rolesOf(group: RoomGroup): RoomRoles | undefined {
  const ext = group.state.groupContext.extensions.find((e) => e.extensionType === ROLES_EXTENSION);
  return ext ? decodeRoles(ext.extensionData) : undefined;
}

export function roleOf(roles: RoomRoles | undefined, clientId: string): Role {
  if (!roles) return 'member';
  if (roles.owner === clientId) return 'owner';
  return roles.admins.includes(clientId) ? 'admin' : 'member';
}

/** Whether `by` may remove `target` under these roles (a group without roles: anyone). [P-ROLE2] */
export function mayRemove(roles: RoomRoles | undefined, by: string, target: string): boolean {
  if (!roles || by === target) return true;
  if (target === roles.owner) return false;
  const role = roleOf(roles, by);
  return role === 'owner' || role === 'admin' || roles.membersMayRemove;
}

/** Whether `by` may change the roles from `before` to `after`. [P-ROLE2] */
export function mayChangeRoles(
  before: RoomRoles | undefined,
  after: RoomRoles,
  by: string,
): boolean {
  if (!before) return false;
  const role = roleOf(before, by);
  if (role !== 'owner' && role !== 'admin') return false;
  // The owner stays the owner; only the owner changes who may remove.
  if (after.owner !== before.owner) return false;
  return after.membersMayRemove === before.membersMayRemove || role === 'owner';
}

/** Commits new roles (a GroupContextExtensions proposal); the caller checks mayChangeRoles. */
export async function setRoles(group: RoomGroup, roles: RoomRoles): Promise<PendingCommit> {
  assertActive(group);
  const members = new Set(membersOf(group).map((m) => m.clientId));
  if (!members.has(roles.owner) && roles.owner !== rolesOf(group)?.owner) {
    throw new CryptoError('NOT_MEMBER', 'the owner must be a member');
  }
  if (roles.admins.length > MAX_ADMINS) {
    throw new CryptoError('INVALID_STATE', `at most ${MAX_ADMINS} admins`);
  }
  const others = group.state.groupContext.extensions.filter(
    (e) => e.extensionType !== ROLES_EXTENSION,
  );
  const cs = await cipherSuite();
  try {
    const result = await createCommit(
      { state: group.state, cipherSuite: cs },
      {
        extraProposals: [
          {
            proposalType: 'group_context_extensions',
            groupContextExtensions: { extensions: [...others, rolesExtension(roles)] },
          },
        ],
        ratchetTreeExtension: true,
      },
    );
    return { commit: encodeMls(result.commit), group: { state: result.newState } };
  } catch (err) {
    throw toCryptoError(err, 'INVALID_STATE');
  }
}

/**
 * Whether a commit by `by` that took the group from `before` to `after` was allowed by the
 * roles of `before` [P-ROLE2]: each member it removed was removable by `by`, or had signed
 * its own leave notice (carried as the commit's authenticated data); a roles change came
 * from an owner or admin and keeps the owner. Members check this for every commit and skip
 * a commit that fails it, like an invalid one. [P-MEM7]
 */
export function commitAllowed(
  before: RoomGroup,
  after: RoomGroup,
  by: string,
  authenticatedData: Uint8Array,
): boolean {
  const rolesBefore = rolesOf(before);
  const stays = new Set(membersOf(after).map((m) => m.clientId));
  for (const { clientId } of membersOf(before)) {
    if (stays.has(clientId)) continue;
    const left = verifyLeaveNotice(before, clientId, authenticatedData);
    if (!left && !mayRemove(rolesBefore, by, clientId)) return false;
  }
  const rolesAfter = rolesOf(after);
  if (!rolesAfter) return rolesBefore === undefined;
  const same =
    rolesBefore !== undefined && equalBytes(encodeRoles(rolesBefore), encodeRoles(rolesAfter));
  return same || mayChangeRoles(rolesBefore, rolesAfter, by);
}
