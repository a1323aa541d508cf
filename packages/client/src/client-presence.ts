import {
  type ClientId,
  ErrorCode,
  type PresenceEvent,
  type ProfileEvent,
  type RoomId,
  YamError,
} from '@yam/protocol';
import { RoomMembers } from './members.ts';
import { RoomProfiles } from './room-profiles.ts';
import type { ClientLink, Session } from './session.ts';

/** What YamClient.presence offers its callers; the rest is for the client itself. */
export type PresenceApi = Pick<
  ClientPresence,
  'members' | 'setProfile' | 'getProfile' | 'meet' | 'setTyping' | 'setAway'
>;

/**
 * Who is in a room and what they tell each other besides messages: online members,
 * profile records (opaque: the app decides what they hold), typing and away. All of it
 * is per connection: it starts empty on each one. [P-ROOM3] [P-PROF1..3] [P-TYPE1] [P-PRES2]
 */
export class ClientPresence {
  readonly #hooks: ClientLink;
  readonly #members = new RoomMembers();
  readonly #profiles: RoomProfiles;

  constructor(hooks: ClientLink) {
    this.#hooks = hooks;
    this.#profiles = new RoomProfiles({
      profile: (info) => hooks.events.emit('profile', info),
      failed: hooks.failed,
    });
  }

  /** Client IDs online in a room, as of the last subscription and presence events. */
  members(room: RoomId): ClientId[] {
    return this.#members.list(room);
  }

  /**
   * Sets this client's profile record for a room: sent now when subscribed, and again on
   * every (re)subscribe. Resolves true when the server stored a change. [P-PROF1] [P-PROF2]
   */
  setProfile(room: RoomId, data: Uint8Array): Promise<boolean> {
    return this.#profiles.setOwn(this.#hooks.session(), room, data);
  }

  /** The server's stored profile record of a client in a joined room (null: none). [P-PROF3] */
  getProfile(room: RoomId, clientId: ClientId): Promise<Uint8Array | null> {
    const session = this.#hooks.session();
    if (!session?.subscribed.has(room)) {
      return Promise.reject(new YamError(ErrorCode.NotSubscribed, 'not subscribed to the room'));
    }
    return this.#profiles.lookup(session, room, clientId);
  }

  /**
   * Makes sure a client's profile is known this session: unless seen, it is looked up
   * (once subscribed) and arrives as a `profile` event. For authors of messages the app
   * shows from its own store. [P-PROF3]
   */
  meet(room: RoomId, clientId: ClientId): void {
    this.seen(this.#hooks.session(), room, clientId);
  }

  /** A client met in a room on `session` (an author, a member): as meet(). */
  seen(session: Session | undefined, room: RoomId, clientId: ClientId): void {
    if (clientId !== this.#hooks.clientId) this.#profiles.met(session, room, clientId);
  }

  /** Tells the room's other members that this client started or stopped typing (best effort). [P-TYPE1] */
  setTyping(room: RoomId, active: boolean): void {
    const session = this.#hooks.session();
    if (session?.subscribed.has(room)) session.conn.notify({ t: 'typing', room, active });
  }

  /** Tells the room's other members that this client is away or active again (best effort). [P-PRES2] */
  setAway(room: RoomId, away: boolean): void {
    const session = this.#hooks.session();
    if (session?.subscribed.has(room)) session.conn.notify({ t: 'activity', room, away });
  }

  /** `session` subscribed a room: its members snapshot; own record resent, members met. */
  subscribed(session: Session, room: RoomId, members: readonly ClientId[]): void {
    this.#members.reset(room, members);
    this.#profiles.subscribed(session, room);
    for (const m of members) this.seen(session, room, m);
  }

  /** A `presence` or `profile` frame on `session`. */
  onFrame(session: Session, frame: PresenceEvent | ProfileEvent): void {
    if (frame.t === 'profile') {
      this.#profiles.update(frame);
      return;
    }
    const presence = { room: frame.room, clientId: frame.clientId, state: frame.state };
    this.#members.apply(presence);
    if (presence.state === 'online') this.#profiles.met(session, frame.room, frame.clientId);
    this.#hooks.events.emit('presence', presence);
  }

  /** The room was left: nothing about it is kept. */
  forget(room: RoomId): void {
    this.#members.delete(room);
    this.#profiles.forget(room);
  }

  /** The connection is gone: while offline nobody's presence is known. */
  reset(): void {
    this.#members.clear();
    this.#profiles.reset();
  }
}
