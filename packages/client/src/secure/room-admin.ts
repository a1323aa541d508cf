import {
  isActive,
  membersOf,
  type RoomGroup,
  type RoomRoles,
  removeMember,
  roleOf,
  rolesOf,
  setRoles,
} from '@yam/crypto';
import { type ClientId, ErrorCode, type RoomId, YamError } from '@yam/protocol';
import type { CommitRunner } from './commit-runner.ts';

/** A room's roles as the app shows them: owner and admins by client ID. */
export type RolesView = {
  roles: Record<ClientId, 'owner' | 'admin'>;
  /** When true, plain members may remove others too. */
  membersMayRemove: boolean;
};

export type RoomAdminHooks = {
  me: ClientId;
  commits: CommitRunner;
  group(room: string): Promise<RoomGroup | undefined>;
};

/**
 * Who may do what in a room, and the commits that change who is in it: roles (kept in the
 * MLS group, so every member checks them) [P-ROLE1], removals and bans by those allowed, and
 * the Remove of a member that asked to leave, carrying its signed notice. [P-ROLE2]
 */
export class RoomAdmin {
  readonly #hooks: RoomAdminHooks;

  constructor(hooks: RoomAdminHooks) {
    this.#hooks = hooks;
  }

  /** The room's roles; undefined for a room made before roles (anyone may remove there). */
  async roles(room: RoomId): Promise<RolesView | undefined> {
    const group = await this.#hooks.group(room);
    const roles = group && rolesOf(group);
    if (!roles) return undefined;
    const view: Record<ClientId, 'owner' | 'admin'> = { [roles.owner as ClientId]: 'owner' };
    for (const admin of roles.admins) view[admin as ClientId] = 'admin';
    return { roles: view, membersMayRemove: roles.membersMayRemove };
  }

  /** Makes a member an admin or a plain member again; only owners and admins may. */
  async setRole(room: RoomId, clientId: ClientId, role: 'admin' | 'member'): Promise<void> {
    await this.#hooks.commits.run(room, async (group) => {
      const roles = this.#mayManage(group, 'change roles');
      if (clientId === roles.owner) throw refused('the owner stays the owner');
      if (!membersOf(group).some((m) => m.clientId === clientId)) return null;
      const others = roles.admins.filter((id) => id !== clientId);
      const admins = role === 'admin' ? [...others, clientId] : others;
      if (admins.length === roles.admins.length && role === roleOf(roles, clientId)) return null;
      return setRoles(group, { ...roles, admins });
    });
  }

  /** Sets whether plain members may remove others; only the owner may. */
  async setMembersMayRemove(room: RoomId, allowed: boolean): Promise<void> {
    await this.#hooks.commits.run(room, async (group) => {
      const roles = rolesOf(group);
      if (!roles || roles.owner !== this.#hooks.me) throw refused('only the owner changes this');
      if (roles.membersMayRemove === allowed) return null;
      return setRoles(group, { ...roles, membersMayRemove: allowed });
    });
  }

  /**
   * Removes a member with an MLS Remove commit (the removed device can read nothing after
   * it); `ban` also keeps it from asking to join again. Refused without the role.
   */
  async remove(room: RoomId, clientId: ClientId, options: { ban?: boolean } = {}): Promise<void> {
    const removes = [clientId];
    await this.#hooks.commits.run(
      room,
      async (current) => {
        // Checked on every attempt: a rebase may find our role changed.
        if (!this.#mayRemove(current, clientId)) {
          throw refused('only the owner and admins can remove people from this room');
        }
        return membersOf(current).some((m) => m.clientId === clientId)
          ? removeMember(current, clientId)
          : null;
      },
      { removes, ...(options.ban ? { bans: removes } : {}) },
    );
  }

  /**
   * Commits the Remove of a member that said it leaves, with its signed notice. Several
   * members may try at once: one commit wins, the others rebase and commit nothing.
   */
  async removeLeaver(room: RoomId, leaver: ClientId, notice: Uint8Array): Promise<void> {
    const group = await this.#hooks.group(room);
    if (!group || !isActive(group)) return;
    await this.#hooks.commits.run(
      room,
      async (current) =>
        membersOf(current).some((m) => m.clientId === leaver)
          ? removeMember(current, leaver, notice)
          : null,
      { removes: [leaver] },
    );
  }

  #mayRemove(group: RoomGroup, target: ClientId): boolean {
    const roles = rolesOf(group);
    if (!roles) return true;
    const role = roleOf(roles, this.#hooks.me);
    if (target === roles.owner) return false;
    return role !== 'member' || roles.membersMayRemove;
  }

  #mayManage(group: RoomGroup, what: string): RoomRoles {
    const roles = rolesOf(group);
    if (!roles) throw refused(`this room was made before roles: nobody can ${what} in it`);
    if (roleOf(roles, this.#hooks.me) === 'member') {
      throw refused(`only the owner and admins can ${what}`);
    }
    return roles;
  }
}

function refused(message: string): YamError {
  return new YamError(ErrorCode.NotAllowed, message);
}
