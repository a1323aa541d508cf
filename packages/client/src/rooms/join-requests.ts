import type { RoomId } from '@yam/protocol';
import type { SecureRooms } from '../secure/secure-rooms.ts';

/** The member side of joining: invites, and the requests that need a user's decision. */
export class JoinRequests {
  readonly #secure: SecureRooms;

  constructor(secure: SecureRooms) {
    this.#secure = secure;
  }

  /** A one-time invite key for the room (put it in a link with inviteLink); members only. */
  invite(room: RoomId): Promise<Uint8Array> {
    return this.#secure.createInvite(room);
  }

  /** Admits a pending join request (a `joinRequest` event). */
  accept(room: RoomId, id: number): Promise<void> {
    return this.#secure.acceptJoin(room, id);
  }

  /** Refuses a pending join request: the joiner gets JOIN_REFUSED (or INVITE_INVALID). */
  refuse(room: RoomId, id: number): Promise<void> {
    return this.#secure.refuseJoin(room, id);
  }
}
