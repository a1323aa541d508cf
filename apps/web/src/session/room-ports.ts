import type {
  AckInfo,
  ConnectionState,
  DataChannelLike,
  EnterOutcome,
  FileTransfers,
  LogRecord,
  OpenedMessage,
  PendingJoin,
  QueuedMessage,
  RawMessage,
  ReceivedMessage,
} from '@yam/client';
import type { RoomMember } from '@yam/crypto';
import type { ClientId, RoomId } from '@yam/protocol';

/*
 * The ports features use to reach one room. Only session/ implements them over the SDK
 * (yam-room.ts, yam-room-peers.ts); features and their tests see nothing else of it.
 * Every event below is already filtered to the port's room.
 */

type Off = () => void;

/** Where a received file is written (FileTransfers' openSink). */
export type OpenSink = ConstructorParameters<typeof FileTransfers>[0]['openSink'];

/** A change of who is in the room, for the timeline: `by` added and/or removed members. */
export type MembershipLine = {
  seq: number;
  ts: number;
  by: string;
  added: readonly string[];
  removed: readonly string[];
  /** The removed member had asked to leave ("Carol left"). */
  left: boolean;
};

/** What RoomTimeline needs: the room's stored and live messages, sending and paging. */
export interface TimelineSource {
  readonly room: RoomId;
  /** This device's client ID. */
  readonly me: string;
  connection(): ConnectionState;
  /** Stored messages, ascending by seq (the local store: instant, works offline). */
  stored(query: { before?: number; limit: number }): Promise<RawMessage[]>;
  /** This device's messages in this room the server has not stored yet, oldest first, in plaintext. */
  queued(): Promise<readonly QueuedMessage[]>;
  /** Decrypts and verifies a stored message; undefined for what is not shown (commits, control). */
  open(message: RawMessage): Promise<OpenedMessage | undefined>;
  /**
   * Encrypts and queues content bytes; resolves once it is in the outbox. `acked` settles
   * on the server's ack, even one that came before this resolved.
   */
  send(body: Uint8Array): Promise<{ cmid: string; acked: Promise<AckInfo> }>;
  /** Older messages from the server (also stored), or from the store while offline. */
  history(query: { before: number; limit: number }): Promise<{
    messages: RawMessage[];
    hasMore: boolean;
  }>;
  onMessage(listener: (message: OpenedMessage) => void): Off;
  /** The room's membership changes this device saw and kept, ascending by seq. */
  membershipLines(): Promise<readonly MembershipLine[]>;
  /** A commit changed who is in the room (checked against the group). */
  onMembership(listener: (line: MembershipLine) => void): Off;
  /** Acks of messages queued before this page (the outbox `queued()` found). */
  onAck(listener: (ack: AckInfo) => void): Off;
  /** The room caught up with the server after a (re)subscribe. */
  onSynced(listener: () => void): Off;
  onConnection(listener: (state: ConnectionState) => void): Off;
  /** Subscribes for live messages (and catches up). */
  join(): void;
  leave(): void;
  /** The room's roles (who may delete others' messages); undefined in a room without roles. */
  roles(): Promise<RoomRoles | undefined>;
  /** The roster or roles may have changed (a new epoch). */
  onRosterChange(listener: () => void): Off;
  /** Forgets a deleted message's text on this device (it opens as 'erased' from then on). */
  erase(from: string, cmid: string): Promise<void>;
}

/** Read marks ("Seen by"): who read the room up to which message, and telling them ours. */
export interface ReadMarkSource {
  readonly me: string;
  /** A member read the room up to the message `upTo` (its cmid); own marks included. */
  onReadMark(listener: (mark: { from: string; upTo: string }) => void): Off;
  /** The marks this device kept from earlier (before a reload, or while the room was closed). */
  savedReadMarks(): ReadonlyMap<string, string>;
  /** Tells the members this device read up to `upTo` (an encrypted control message). */
  sendReadMark(upTo: string): Promise<void>;
}

/** What the member list and typing indicator need: who is here, doing what. */
export interface PresenceSource {
  readonly room: RoomId;
  readonly me: string;
  /** Client IDs online in the room now (this device included); members or not. */
  members(): string[];
  /** The room's MLS members (this device included); empty when this device is not one. */
  roster(): Promise<string[]>;
  /** The roster may have changed (a new epoch, or this device was removed). */
  onRosterChange(listener: () => void): Off;
  onPresence(listener: (p: { clientId: string; state: 'online' | 'offline' }) => void): Off;
  onActivity(listener: (a: { clientId: string; away: boolean }) => void): Off;
  onTyping(listener: (t: { clientId: string; active: boolean }) => void): Off;
  /** Any message arriving in the room (before decryption, any kind): its author is here. */
  onReceived(listener: (m: { from: string }) => void): Off;
  onSynced(listener: () => void): Off;
  onConnection(listener: (state: ConnectionState) => void): Off;
  setTyping(active: boolean): void;
  setAway(away: boolean): void;
  /** Asks for an author's profile (once per session) when it is unknown. */
  meet(clientId: string): void;
}

/** The room's encrypted group as the room view needs it: membership and joining. */
export interface MembershipSource {
  status(): Promise<'member' | 'removed' | 'none'>;
  /**
   * Makes this device a member (the SDK's one policy: a member already, join with the
   * invite, create the room, or ask the members and wait). Rejects with a YamError whose
   * code says why: REMOVED, JOIN_REFUSED, INVITE_INVALID, PASSWORD_WRONG, JOIN_TIMEOUT.
   */
  enter(options: {
    /** The URL fragment the room was added with (`invite=<key>`), if any. */
    invite?: string;
    password?: string;
    /** This person's name, sealed with the invite key for the members who admit them. */
    name?: string;
    /** Called when it starts waiting for a member to let this device in. */
    onWaiting?: () => void;
  }): Promise<EnterOutcome>;
  /** A commit removed this device (called at once when it already happened this session). */
  onRemoved(listener: () => void): Off;
}

/** Who may do what in a room: owner and admins by client ID; everyone else is a member. */
export type RoomRoles = {
  roles: Readonly<Record<string, 'owner' | 'admin'>>;
  /** Members (not only owner and admins) may remove others. */
  membersMayRemove: boolean;
};

/** Join requests waiting for this user's Accept or Refuse, and member actions. */
export interface MembersSource {
  /** The pending join requests of this room (reactive when read in a render). */
  requests(): readonly PendingJoin[];
  /** Times someone tried a wrong password to join this room, not yet dismissed (reactive). */
  passwordFailures(): readonly number[];
  dismissPasswordFailures(): void;
  accept(request: PendingJoin): Promise<void>;
  refuse(request: PendingJoin): Promise<void>;
  /** Removes a member (MLS Remove); `ban` also keeps them from asking to join again. */
  removeMember(clientId: string, options?: { ban?: boolean }): Promise<void>;
  /** The room's roles; undefined when the room predates roles (then everyone may remove). */
  roles(): Promise<RoomRoles | undefined>;
  /** Makes a member an admin, or an admin a member again (owner and admins only). */
  setRole(clientId: string, role: 'admin' | 'member'): Promise<void>;
  /** Whether this device blocked `clientId` (reactive when read in a render). */
  isBlocked(clientId: string): boolean;
  /** Blocks `clientId` on this device: their messages are hidden, their DMs and join requests refused. */
  block(clientId: string): Promise<void>;
  unblock(clientId: string): Promise<void>;
  /** Opens (or creates) a direct message room with `clientId`, lists it and shows it. */
  openDm(clientId: string, name: string): Promise<void>;
  /** The members' keys as the room's group holds them (for safety numbers). */
  memberKeys(): Promise<RoomMember[]>;
  /** A one-time invite key made on this device. */
  createInvite(): Promise<Uint8Array>;
  /** Leaves the room's group: another member's client commits the Remove. */
  leaveGroup(): Promise<void>;
}

/** What forwarding history between members needs besides the peers. */
export interface HistorySource {
  stored(query: { before?: number; limit: number }): Promise<RawMessage[]>;
  /** A stored message as its signed envelope; undefined when this device cannot read it. */
  signedEnvelope(message: RawMessage): Promise<Uint8Array | undefined>;
  /** Takes in a verified forwarded message. */
  adoptShared(message: ReceivedMessage, sharedBy: ClientId): Promise<OpenedMessage | undefined>;
  /** The server's log at these seqs (this device's copy, else the server's): author, ID, time. */
  serverLog(seqs: readonly number[]): Promise<ReadonlyMap<number, LogRecord>>;
}

/** The room's peer-to-peer connections, one set shared by the room's features. */
export interface RoomPeers {
  readonly room: RoomId;
  /** Other members online in the room now. */
  others(): ClientId[];
  handle(label: string, handler: (peer: ClientId, channel: DataChannelLike) => void): void;
  open(peer: ClientId, label: string, timeoutMs?: number): Promise<DataChannelLike>;
  /** File transfers over these connections. */
  fileTransfers(openSink: OpenSink): FileTransfers;
  /** The server's copy of an encrypted blob. */
  downloadBlob(hash: string): Promise<Uint8Array>;
}

/** One share of a room's peers; `release` gives it back (the last one closes them). */
export type PeerShare = { peers: RoomPeers; release(): void };

/** Storing encrypted blobs (images, avatars) on the room's server. */
export interface BlobUpload {
  uploadBlob(bytes: Uint8Array): Promise<unknown>;
}
