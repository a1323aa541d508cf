import type { ClientId, JoinOutcome, RoomId } from '@yam/protocol';
import type { SyncedInfo } from '../types.ts';
import type { OpenedMessage } from './opened-message.ts';

/** A join request a member's user has to decide on: no valid invite came with it. */
export type PendingJoin = {
  room: RoomId;
  id: number;
  from: ClientId;
  /** The joiner's name, when its invite let us decrypt it. */
  name?: string;
  /** 'none': asked without an invite; 'invalid': its invite MAC matched no invite we hold. */
  invite: 'none' | 'invalid';
};

/** Events of SecureRooms. */
export type SecureEvents = {
  /** An application message of a room, opened (or with the reason it cannot be). Seq order per room. */
  message: OpenedMessage;
  /**
   * The room caught up with the server and every message of the catch-up was opened and
   * emitted (the client's own `synced` comes when they are stored, before they are opened).
   */
  synced: SyncedInfo;
  /** Someone asks to join and needs a member's Accept or Refuse. */
  joinRequest: PendingJoin;
  /** A join request was settled (by this device or another member). */
  joinResult: { room: RoomId; id: number; outcome: JoinOutcome };
  /** A Welcome made this device a member (a DM the peer opened, or a join we asked for). */
  roomJoined: {
    room: RoomId;
    /** Who let us in (the Welcome's sender). */
    from: ClientId;
    dm: boolean;
    /**
     * With an invite: true when the admitter proved, over our first epoch, that it holds
     * our invite key; false when a member let us in by hand (show who). [P-E2E8]
     */
    verified?: boolean;
  };
  /**
   * A commit removed this device from the room (`by` its author), or the server refused it
   * the room on reconnect (removed while away): nothing after it can be read.
   */
  removed: { room: RoomId; by?: ClientId };
  /**
   * A commit changed who is in the room (checked against the group): `by` added and/or
   * removed members; `left` when the removed member had asked to leave. For the timeline.
   */
  membership: {
    room: RoomId;
    seq: number;
    ts: number;
    by: ClientId;
    added: ClientId[];
    removed: ClientId[];
    left: boolean;
  };
  /** A member read the room up to the message `upTo` (a cmid): for "Seen by". */
  read: { room: RoomId; from: ClientId; upTo: string };
  /** The room's group reached a new epoch on this device: re-seal records for it. */
  epoch: { room: RoomId; epoch: number };
  /** Something failed in the background (a commit that did not process, a Welcome...). */
  error: { room?: string; message: string };
};
