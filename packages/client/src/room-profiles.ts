import {
  type ClientId,
  fromBase64Url,
  type ProfileEvent,
  type ProfileStoredEvent,
  type RoomId,
  toBase64Url,
} from '@yam/protocol';
import { isConnectionLost } from './connection.ts';
import type { Session } from './session.ts';
import type { ProfileInfo } from './types.ts';

type Hooks = {
  /** A profile record arrived: a fan-out update or the answer to a lookup. */
  profile(info: ProfileInfo): void;
  failed(error: unknown, room: RoomId): void;
};

/**
 * Profiles as the SDK tracks them [P-PROF1..3]: this client's own record per room (sent on
 * every subscribe, so the server always has the latest), and the client IDs seen during
 * the current session. An unseen author is looked up once per session; the set starts
 * empty on each connection, so a reconnect refreshes everyone's profile.
 */
export class RoomProfiles {
  readonly #own = new Map<RoomId, Uint8Array>();
  readonly #hooks: Hooks;
  #seen = new Map<RoomId, Set<ClientId>>();
  /** Authors met before the room was subscribed: looked up right after it is. */
  readonly #wanted = new Map<RoomId, Set<ClientId>>();

  constructor(hooks: Hooks) {
    this.#hooks = hooks;
  }

  /** Remembers this client's record for a room; sends it when the session is subscribed. */
  async setOwn(session: Session | undefined, room: RoomId, data: Uint8Array): Promise<boolean> {
    this.#own.set(room, data.slice());
    if (!session?.subscribed.has(room)) return false;
    return this.#sendOwn(session, room);
  }

  /** After each subscribe: the server gets our record again (it stores only real changes). */
  subscribed(session: Session, room: RoomId): void {
    if (this.#own.has(room)) {
      this.#sendOwn(session, room).catch((error) => this.#fail(error, room));
    }
    const wanted = this.#wanted.get(room);
    this.#wanted.delete(room);
    for (const clientId of wanted ?? []) this.met(session, room, clientId);
  }

  /** An author or member met in a room: looked up unless already seen this session. */
  met(session: Session | undefined, room: RoomId, clientId: ClientId): void {
    if (!session?.subscribed.has(room)) {
      let wanted = this.#wanted.get(room);
      if (!wanted) {
        wanted = new Set();
        this.#wanted.set(room, wanted);
      }
      wanted.add(clientId);
      return;
    }
    const seen = this.#seenIn(room);
    if (seen.has(clientId)) return;
    seen.add(clientId);
    this.lookup(session, room, clientId)
      .then((data) => this.#hooks.profile({ room, clientId, data }))
      .catch((error) => {
        // Not seen after all: the next message from this author tries again.
        seen.delete(clientId);
        this.#fail(error, room);
      });
  }

  /** A fan-out update: the author counts as seen, then the app hears of it. [P-PROF2] */
  update(frame: ProfileEvent): void {
    this.#seenIn(frame.room).add(frame.clientId);
    const data = frame.data === null ? null : fromBase64Url(frame.data);
    this.#hooks.profile({ room: frame.room, clientId: frame.clientId, data });
  }

  /** Asks the server for a client's stored record. [P-PROF3] */
  async lookup(session: Session, room: RoomId, clientId: ClientId): Promise<Uint8Array | null> {
    const reply = (await session.conn.request({
      t: 'profile.get',
      room,
      clientId,
    })) as unknown as ProfileEvent;
    return reply.data === null ? null : fromBase64Url(reply.data);
  }

  /** A new connection knows nobody yet. */
  reset(): void {
    this.#seen = new Map();
  }

  forget(room: RoomId): void {
    this.#seen.delete(room);
    this.#wanted.delete(room);
  }

  async #sendOwn(session: Session, room: RoomId): Promise<boolean> {
    const data = this.#own.get(room);
    if (!data) return false;
    const reply = await session.conn.request<ProfileStoredEvent>({
      t: 'profile.set',
      room,
      data: toBase64Url(data),
    });
    return reply.changed;
  }

  #seenIn(room: RoomId): Set<ClientId> {
    let seen = this.#seen.get(room);
    if (!seen) {
      seen = new Set();
      this.#seen.set(room, seen);
    }
    return seen;
  }

  #fail(error: unknown, room: RoomId): void {
    if (!isConnectionLost(error)) this.#hooks.failed(error, room);
  }
}
