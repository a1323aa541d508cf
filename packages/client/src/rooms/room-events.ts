import type { ErrorCode } from '@yam/protocol';
import { ErrorCode as Codes } from '@yam/protocol';
import type { Emitter } from '../emitter.ts';
import { type RawMessage, withKind } from '../secure/message-kind.ts';
import type { OpenedMessage } from '../secure/opened-message.ts';
import type { SecureEvents } from '../secure/secure-events.ts';
import type { SecureRooms } from '../secure/secure-rooms.ts';
import type {
  AckInfo,
  ActivityInfo,
  ClientEvents,
  ConnectionStatus,
  PasswordFailedInfo,
  PresenceInfo,
  ProfileInfo,
  SyncedInfo,
  TypingInfo,
} from '../types.ts';
import type { YamClient } from '../yam-client.ts';

/** A failure reported by the server or met in the background (decrypting, committing...). */
export type RoomsErrorInfo = {
  code: ErrorCode;
  message: string;
  room?: string;
  retryAfterMs?: number;
};

/** Events of YamRooms. */
export type YamRoomsEvents = {
  /** An application message, opened (or with the reason it cannot be); seq order per room. */
  message: OpenedMessage;
  /** Every message as it is stored (ciphertext, with its kind): for counts and history views. */
  received: RawMessage;
  /** The server stored a message this device sent (send() receipts settle too). */
  ack: AckInfo;
  /** The connection changed; while offline `retryAt` says when the next attempt starts. */
  status: ConnectionStatus;
  /** A room caught up after (re)subscribing: everything up to `cursor` was delivered. */
  synced: SyncedInfo;
  /** A client came online in or went offline from a subscribed room. */
  presence: PresenceInfo;
  /** Another client went away or came back. */
  activity: ActivityInfo;
  /** Another client started or stopped typing. */
  typing: TypingInfo;
  /** A profile record changed or was looked up: sealed, open it with `profiles.open`. */
  profile: ProfileInfo;
  /** Someone asks to join and needs a member's Accept or Refuse (`joins.accept/refuse`). */
  joinRequest: SecureEvents['joinRequest'];
  /** A join request was settled (by this device or another member). */
  joinResult: SecureEvents['joinResult'];
  /** Someone tried a wrong password to join a room of this device. [P-PAKE3] */
  passwordFailed: PasswordFailedInfo;
  /** A Welcome made this device a member (a DM the peer opened, or a join it asked for). */
  roomJoined: SecureEvents['roomJoined'];
  /** A commit removed this device from a room. */
  removed: SecureEvents['removed'];
  /** A commit added or removed members: for the timeline ("Alice removed Carol"). */
  membership: SecureEvents['membership'];
  /** A member read a room up to a message (a control message; none of this device's own). */
  read: SecureEvents['read'];
  /** A room reached a new epoch here: re-seal records (profiles) for it. */
  epoch: SecureEvents['epoch'];
  /** A failure; see RoomsErrorInfo. */
  error: RoomsErrorInfo;
};

const FROM_CLIENT = [
  'ack',
  'status',
  'presence',
  'activity',
  'typing',
  'profile',
  'passwordFailed',
] as const;
const FROM_SECURE = [
  'message',
  'synced',
  'joinRequest',
  'joinResult',
  'roomJoined',
  'removed',
  'membership',
  'read',
  'epoch',
] as const;

/** Re-emits the transport's and the secure layer's events as YamRooms events; returns the unsubscriber. */
export function forwardEvents(
  client: YamClient,
  secure: SecureRooms,
  events: Emitter<YamRoomsEvents>,
): () => void {
  const offs: (() => void)[] = [];
  for (const name of FROM_CLIENT) {
    offs.push(
      client.on(name, (value: ClientEvents[typeof name]) => events.emit(name, value as never)),
    );
  }
  for (const name of FROM_SECURE) {
    offs.push(
      secure.on(name, (value: SecureEvents[typeof name]) => events.emit(name, value as never)),
    );
  }
  offs.push(
    client.on('message', (m) => events.emit('received', withKind(m))),
    client.on('error', (e) => events.emit('error', e)),
    secure.on('error', (e) => events.emit('error', { code: Codes.Internal, ...e })),
  );
  return () => {
    for (const off of offs.splice(0)) off();
  };
}
