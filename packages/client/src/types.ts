import type {
  ClientId,
  ClientMsgId,
  ErrorCode,
  JoinOutcome,
  MessageKind,
  RoomId,
  Seq,
} from '@yam/protocol';

/** Where a client is in its connection life. */
export type ConnectionState =
  | 'idle' // created, connect() not called yet
  | 'connecting' // opening the WebSocket
  | 'authenticating' // socket open, answering the challenge
  | 'online' // authenticated; rooms subscribed and caught up
  | 'offline' // lost the connection; a reconnect is scheduled
  | 'closed'; // close() was called

/** The connection as the UI shows it: while offline, `retryAt` says when the next attempt starts. */
export type ConnectionStatus = {
  state: ConnectionState;
  /** Local time (ms since the epoch) of the next reconnect attempt; only while 'offline'. */
  retryAt?: number;
};

/** A message as the SDK hands it to apps: payload decoded to bytes. */
export type ReceivedMessage = {
  room: RoomId;
  seq: Seq;
  from: ClientId;
  cmid: ClientMsgId;
  /** Server receive time, ms since the epoch. */
  ts: number;
  payload: Uint8Array;
  /** 'commit': `payload` is an MLS commit made in `epoch`; absent (from older stores) means 'app'. */
  kind?: MessageKind;
  epoch?: number;
  /** A commit's roster change as declared to the server (absent for old commits). [P-MEM7] */
  adds?: ClientId[];
  removes?: ClientId[];
};

/** A Welcome from the server inbox; it comes again on each connect until ackWelcome(id). */
export type WelcomeInfo = {
  id: number;
  room: RoomId;
  from: ClientId;
  data: Uint8Array;
  ts: number;
};

/** Someone asks the room's members to add them; `mac`/`info` are the joiner's opaque bytes. */
export type JoinRequestInfo = {
  id: number;
  room: RoomId;
  from: ClientId;
  keyPackage: Uint8Array;
  mac?: Uint8Array;
  /** A password join's CPace share. [P-PAKE1] */
  pake?: Uint8Array;
  info?: Uint8Array;
  ts: number;
};

/** One step of a password check: a share or a tag from `from`, for join request `id`. [P-PAKE2] */
export type PakeStepInfo = { room: RoomId; id: number; from: ClientId; bytes: Uint8Array };

/** Someone tried a wrong password to join `room`. [P-PAKE3] */
export type PasswordFailedInfo = { room: RoomId; ts: number };

/** A join request was settled by a member (to the requester and the room's members). */
export type JoinResultInfo = { room: RoomId; id: number; outcome: JoinOutcome };

/** A message waiting in the outbox until the server acknowledges it. */
export type OutboxItem = {
  room: RoomId;
  cmid: ClientMsgId;
  payload: Uint8Array;
  /** Local time it was queued, ms since the epoch. */
  queuedAt: number;
  /** Members the message mentions, sent outside the ciphertext for e-mail. [P-MAIL2] */
  mentions?: ClientId[];
};

export type AckInfo = { room: RoomId; cmid: ClientMsgId; seq: Seq; ts: number };

/** A queued outbox item and the promise of its ack (rejects only when dropped or closed). */
export type SentItem = OutboxItem & { acked: Promise<AckInfo> };

export type PresenceInfo = { room: RoomId; clientId: ClientId; state: 'online' | 'offline' };

/** A client's opaque profile record in a room; null when the server has none. [P-PROF2] [P-PROF3] */
export type ProfileInfo = { room: RoomId; clientId: ClientId; data: Uint8Array | null };

/** Another client became away (hidden tab, idle) or active again in a room. [P-PRES2] */
export type ActivityInfo = { room: RoomId; clientId: ClientId; away: boolean };

/** Another client started or stopped typing in a room. [P-TYPE1] */
export type TypingInfo = { room: RoomId; clientId: ClientId; active: boolean };

/** An error the server reported, or a local failure, as an event. */
export type ClientErrorInfo = {
  code: ErrorCode;
  message: string;
  room?: RoomId;
  retryAfterMs?: number;
};

export type ClientEvents = {
  /** A message, live or caught up, never twice, in seq order per room. */
  message: ReceivedMessage;
  /** The server stored an outbox message durably. */
  ack: AckInfo;
  /** A client ID came online in or went offline from a room. */
  presence: PresenceInfo;
  state: ConnectionState;
  /** The state changed (offline: with the time of the next attempt). */
  status: ConnectionStatus;
  error: ClientErrorInfo;
  /** A room finished catching up after (re)subscribing: all messages up to `cursor` were delivered. */
  synced: SyncedInfo;
  /**
   * The server refused to subscribe this device to a room (NOT_MEMBER): the room is not
   * claimed yet, or a commit removed this device while it was away. [P-MEM2] [P-MEM4]
   */
  notMember: { room: RoomId };
  /** A Welcome for this client (MLS delivery service). */
  welcome: WelcomeInfo;
  /** A pending join request of a joined room (live, and again on each subscribe). */
  joinRequest: JoinRequestInfo;
  joinResult: JoinResultInfo;
  /** Password checks: a member's share (to the requester), the requester's tag (to that member), the member's tag (to the requester). [P-PAKE2] */
  pakeReply: PakeStepInfo;
  pakeConfirm: PakeStepInfo;
  pakeProof: PakeStepInfo;
  /** A member found a joiner's password wrong (to the room's members). [P-PAKE3] */
  passwordFailed: PasswordFailedInfo;
  /** A profile update, or the answer to the lookup of an author first seen this session. */
  profile: ProfileInfo;
  typing: TypingInfo;
  activity: ActivityInfo;
  /** WebRTC signalling bytes from another member of a room. [P-SIG1] */
  signal: SignalInfo;
};

/** Opaque signalling bytes relayed by the server from `from`, a member of `room`. [P-SIG1] */
export type SignalInfo = { room: RoomId; from: ClientId; data: Uint8Array };

export type SyncedInfo = { room: RoomId; cursor: number };

/**
 * Persistence for one server's client state. Browsers use IndexedDB (apps/web), Node a
 * SQLite file (apps/cli); MemoryStore is the default. All methods may be called
 * concurrently; putMessages is idempotent by (room, seq).
 */
export interface ClientStore {
  putMessages(messages: readonly ReceivedMessage[]): Promise<void>;
  /** Up to `limit` messages with seq < beforeSeq (or the newest), ascending by seq. */
  getMessages(
    room: RoomId,
    options: { beforeSeq?: number; limit: number },
  ): Promise<ReceivedMessage[]>;
  /** Highest seq caught up to: on reconnect the client fetches everything after it (0: none). */
  getCursor(room: RoomId): Promise<number>;
  setCursor(room: RoomId, seq: number): Promise<void>;
  outboxPut(item: OutboxItem): Promise<void>;
  outboxDelete(room: RoomId, cmid: ClientMsgId): Promise<void>;
  outboxList(): Promise<OutboxItem[]>;
}
