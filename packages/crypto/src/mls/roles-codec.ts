import type { Extension } from 'ts-mls';

/**
 * A room's roles, kept in the MLS GroupContext (a private-use extension), so every member
 * agrees on them: they enter the key schedule, a Welcome carries them, and only a commit
 * every member checks can change them. [P-ROLE1]
 */
export type RoomRoles = {
  /** The creator: may do everything; nobody else can remove or demote the owner. */
  readonly owner: string;
  /** Admins may remove, ban, promote and demote members and admins. */
  readonly admins: readonly string[];
  /** When true, plain members may remove others too. */
  readonly membersMayRemove: boolean;
};

/** RFC 9420 §17.3 private-use extension type (0xF000-0xFFFF) of the roles. */
export const ROLES_EXTENSION = 0xf1a0;

/** Roles stay small: this many admins at most (the extension rides in every GroupContext). */
export const MAX_ADMINS = 64;

export function encodeRoles(roles: RoomRoles): Uint8Array {
  // Sorted and in a fixed key order: every member encodes the same roles to the same bytes.
  const admins = [...new Set(roles.admins)].filter((id) => id !== roles.owner).sort();
  const text = JSON.stringify({
    v: 1,
    owner: roles.owner,
    admins,
    membersMayRemove: roles.membersMayRemove,
  });
  return new TextEncoder().encode(text);
}

export function decodeRoles(bytes: Uint8Array): RoomRoles | undefined {
  try {
    const raw = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const { owner, admins, membersMayRemove } = raw;
    if (raw.v !== 1 || typeof owner !== 'string' || typeof membersMayRemove !== 'boolean') {
      return undefined;
    }
    if (!Array.isArray(admins) || admins.length > MAX_ADMINS) return undefined;
    if (!admins.every((a): a is string => typeof a === 'string')) return undefined;
    return { owner, admins, membersMayRemove };
  } catch {
    return undefined;
  }
}

export function rolesExtension(roles: RoomRoles): Extension {
  return { extensionType: ROLES_EXTENSION, extensionData: encodeRoles(roles) };
}
