import type { ClientId, ClientMessage, ErrorCode, RoomId, ServerMessage } from '@yam/protocol';
import type { Logger } from 'pino';
import type { WireFrame } from './wire-frame.ts';

/**
 * What a feature sees of the relay. Features (MLS delivery, profiles, signalling) import
 * these types and nothing else from relay/; the composition root hands their plugins to
 * the relay, which then routes frames to them without knowing what they are.
 */

/** Something frames can be delivered to: a connection, or a route a feature attaches. */
export interface RoomMember {
  readonly clientId: ClientId;
  /** Sends an already encoded frame (a WireFrame: encoded once for a whole room). */
  deliver(frame: string | WireFrame): void;
  /** A commit removed this member's client from the room: it stops being subscribed. [P-MEM4] */
  evicted?(room: RoomId): void;
}

/** One authenticated connection, as a handler sees it. */
export interface Peer extends RoomMember {
  /** The rooms this connection is subscribed to. */
  readonly rooms: ReadonlySet<RoomId>;
  /** The per-IP limits' key of its address (IPv6 per /64). */
  readonly ip: string;
  readonly log: Logger;
  send(message: ServerMessage): void;
  /** Sends a typed error; fatal codes then close the connection. [P-ERR1] */
  error(code: ErrorCode, message: string, rid?: number, retryAfterMs?: number): void;
  /**
   * True when the connection is subscribed to `room` (only members are); otherwise
   * answers `rid` with NOT_MEMBER, or NOT_SUBSCRIBED for a member that did not subscribe,
   * and returns false. `action` says what was refused. [P-MEM2]
   */
  inRoom(room: RoomId, rid: number | undefined, action: string): Promise<boolean>;
}

/** Every client frame but `auth`, which the connection answers before any handler runs. */
export type RelayRequest = Exclude<ClientMessage, { t: 'auth' }>;
export type RequestType = RelayRequest['t'];
export type RequestOf<T extends RequestType> = Extract<RelayRequest, { t: T }>;

/** Runs one request; throwing (or rejecting) becomes an INTERNAL error for that request. */
export type RequestHandler<T extends RequestType, P = Peer> = (
  peer: P,
  request: RequestOf<T>,
) => Promise<void> | void;

/** The points in a connection's life a feature can hook into. */
export type RelayHooks<P = Peer> = {
  /** After `ready`: the peer is authenticated and reachable on its client channel. */
  ready: (peer: P) => Promise<void> | void;
  /** The peer joined a room, before `subscribed` goes out: nothing of the room is missed. */
  join: (peer: P, room: RoomId) => void;
  /** After each `subscribed` answer, a repeated subscribe included. */
  subscribed: (peer: P, room: RoomId) => Promise<void> | void;
  /** The socket closed and the peer has left its rooms (authenticated peers only). */
  close: (peer: P) => void;
  /** A new application message was stored and acked (not a duplicate): for Web Push. */
  stored: (peer: P, message: StoredAppMessage) => void;
};

/** What the `stored` hook learns of a message: routing data and the opaque payload. */
export type StoredAppMessage = {
  readonly room: RoomId;
  readonly seq: number;
  readonly from: ClientId;
  readonly cmid: string;
  readonly ts: number;
  readonly payload: Uint8Array;
  /** Members the sender says it mentions (unchecked: a feature checks the roster). [P-MAIL2] */
  readonly mentions?: readonly ClientId[];
};
export type HookName = keyof RelayHooks;

/** Room fan-out, through the bus: every process sharing it sees the same traffic. */
export interface RoomFanOut {
  /** Sends a frame to every subscriber of the room. [P-ROOM2] */
  publish(room: RoomId, frame: string): Promise<void>;
  /** Sends a frame to every subscriber but the connections of `skip`. */
  publishExcept(room: RoomId, frame: string, skip: ClientId): Promise<void>;
  /** Client IDs with a subscribed connection in this process (or within the presence grace). */
  members(room: RoomId): ClientId[];
  /** Client IDs with a connection subscribed right now in this process (no presence grace). */
  connected(room: RoomId): ClientId[];
  /**
   * Ends the subscriptions of these clients in every process, after the frames already
   * published to the room: a commit removed them from its roster. [P-MEM4]
   */
  evict(room: RoomId, clientIds: readonly ClientId[]): Promise<void>;
}

/** Frames addressed to a client ID rather than a room, in any process sharing the bus. */
export interface ClientFanOut {
  /** Starts delivering frames sent to `member.clientId` to this member. */
  attach(member: RoomMember): void;
  detach(member: RoomMember): void;
  /** Sends a frame to every attached member of `clientId`; nobody online is no error. */
  send(clientId: string, frame: string): Promise<void>;
}

/** What a plugin gets to register with, the way a Fastify plugin gets its instance. */
export interface RelayHost {
  /** Routes one frame type to this handler; each type has exactly one. */
  on<T extends RequestType>(type: T, handler: RequestHandler<T>): void;
  addHook<K extends HookName>(name: K, hook: RelayHooks[K]): void;
  readonly rooms: RoomFanOut;
  readonly clients: ClientFanOut;
}

/** A feature: registers its handlers and hooks once, when the relay is built. */
export type RelayPlugin = (relay: RelayHost) => void;
