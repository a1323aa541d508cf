import { signal } from '@preact/signals';
import { inviteKeyOf } from '@yam/client';
import { ErrorCode, isYamError, type RoomId } from '@yam/protocol';
import type { SecureSession } from './secure-session.ts';

/** Where this device stands in an open room. */
export type Membership =
  | { kind: 'checking' }
  | { kind: 'member' }
  | { kind: 'waiting' }
  | { kind: 'removed' }
  | { kind: 'failed'; message: string };

/** What the room view says while it cannot show the room yet (or any more). */
export const WAITING_TEXT = 'Waiting for a member to let you in...';
export const REMOVED_TEXT = 'You were removed from this room';

/**
 * Makes this device a member of an open room, the way a user expects from opening a link:
 * a member already: nothing to do; an invite key in the link's fragment: join with it;
 * a room nobody created yet: create it (its first commit claims it); otherwise ask the
 * members and wait for one to let us in.
 */
export class RoomMembership {
  readonly state = signal<Membership>({ kind: 'checking' });
  readonly #secure: SecureSession;
  readonly #room: RoomId;
  #disposed = false;
  /** Only the latest join attempt may report its outcome. */
  #attempt = 0;
  readonly #off: () => void;

  constructor(secure: SecureSession, room: RoomId) {
    this.#secure = secure;
    this.#room = room;
    this.#off = secure.removed.subscribe((rooms) => {
      if (rooms.has(room)) this.state.value = { kind: 'removed' };
    });
  }

  /**
   * `invite`: the URL fragment the room was added with (`invite=<key>`), if any;
   * `password`: set when this device creates the room from "Create new room".
   */
  async start(invite: string | undefined, password?: string): Promise<void> {
    const rooms = this.#secure.rooms;
    const attempt = ++this.#attempt;
    try {
      const status = await rooms.status(this.#room);
      if (status !== 'none') return this.#set({ kind: status });
      const inviteKey = invite ? inviteKeyOf(`#${invite}`) : undefined;
      if (!inviteKey) {
        try {
          await rooms.createRoom(this.#room, password ? { password } : {});
          return this.#set({ kind: 'member' });
        } catch (error) {
          if (!(isYamError(error) && error.code === ErrorCode.EpochConflict)) throw error;
        }
      }
      this.#set({ kind: 'waiting' });
      await rooms.join(this.#room, inviteKey ? { inviteKey } : {});
      this.#set({ kind: 'member' });
    } catch (error) {
      // A newer request (with a password) replaced this one: its outcome decides.
      if (attempt === this.#attempt)
        this.#set({ kind: 'failed', message: (error as Error).message });
    }
  }

  /** Asks again, with the room's password: a member's client admits us if it is right. */
  async joinWithPassword(password: string): Promise<void> {
    const attempt = ++this.#attempt;
    this.#set({ kind: 'waiting' });
    try {
      await this.#secure.rooms.join(this.#room, { password });
      this.#set({ kind: 'member' });
    } catch (error) {
      if (attempt === this.#attempt)
        this.#set({ kind: 'failed', message: (error as Error).message });
    }
  }

  dispose(): void {
    this.#disposed = true;
    this.#off();
  }

  #set(state: Membership): void {
    if (!this.#disposed) this.state.value = state;
  }
}
