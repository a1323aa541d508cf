import { signal } from '@preact/signals';
import type { MembersSource, PresenceSource, RoomRoles } from '../../session/room-ports.ts';

export type Role = 'owner' | 'admin' | 'member';

/** A member's role; everyone is a plain member in a room without roles. */
export function roleOf(roles: RoomRoles | undefined, clientId: string): Role {
  return roles?.roles[clientId] ?? 'member';
}

/**
 * Whether `me` may remove `target`, as the group's roles say (the same rule as the SDK's,
 * which every member checks again): anyone in a room without roles; nobody the owner; the
 * owner and admins anyone else; plain members only when the room allows it.
 */
export function mayRemove(roles: RoomRoles | undefined, me: string, target: string): boolean {
  if (!roles) return true;
  if (roleOf(roles, target) === 'owner') return false;
  return roleOf(roles, me) !== 'member' || roles.membersMayRemove;
}

/** "Make admin" or "Remove admin" for the owner and admins; nothing for the owner as target. */
export function roleAction(
  roles: RoomRoles | undefined,
  me: string,
  target: string,
): 'admin' | 'member' | undefined {
  if (!roles || roleOf(roles, me) === 'member') return undefined;
  const theirs = roleOf(roles, target);
  if (theirs === 'owner') return undefined;
  return theirs === 'admin' ? 'member' : 'admin';
}

/** The open room's roles for the member list, read again after every change of epoch. */
export class RoomRolesView {
  /** undefined: not read yet, or the room predates roles. */
  readonly roles = signal<RoomRoles | undefined>(undefined);
  readonly #source: MembersSource & PresenceSource;
  readonly #off: () => void;
  #reads = 0;
  #disposed = false;

  constructor(source: MembersSource & PresenceSource) {
    this.#source = source;
    this.#off = source.onRosterChange(() => void this.#read());
    void this.#read();
  }

  dispose(): void {
    this.#disposed = true;
    this.#off();
  }

  async #read(): Promise<void> {
    const read = ++this.#reads;
    const roles = await this.#source.roles().catch(() => undefined);
    if (read === this.#reads && !this.#disposed) this.roles.value = roles;
  }
}
