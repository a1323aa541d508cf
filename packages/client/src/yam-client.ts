import type { DeviceIdentity } from '@yam/crypto';
import {
  type ClientId,
  type ClientMsgId,
  ErrorCode,
  LIMITS,
  parseClientId,
  type RoomId,
  type ServerMessage,
  YamError,
} from '@yam/protocol';
import type { BackoffOptions } from './backoff.ts';
import { ClientMedia } from './client-media.ts';
import { ClientPresence, type PresenceApi } from './client-presence.ts';
import { ClientSender } from './client-sender.ts';
import { toReceived } from './convert.ts';
import { Dialer } from './dialer.ts';
import { Emitter } from './emitter.ts';
import { emitEventFrame, isEventFrame } from './frame-events.ts';
import { MemoryStore } from './memory-store.ts';
import { MlsTransport } from './mls-transport.ts';
import { RoomSubscriptions } from './room-subscriptions.ts';
import { type ClientLink, newSession, type Session } from './session.ts';
import type {
  ClientEvents,
  ClientStore,
  ConnectionState,
  ConnectionStatus,
  OutboxItem,
  ReceivedMessage,
  SentItem,
} from './types.ts';

/** Options of a YamClient; only `server` and `identity` are required. */
export type YamClientOptions = {
  /** The server's http(s) URL (the Room URL without `?room=`). */
  server: string;
  identity: DeviceIdentity;
  /** Where messages, cursors and the outbox persist; MemoryStore when omitted. */
  store?: ClientStore;
  /** WebSocket implementation; globalThis.WebSocket when omitted. */
  WebSocket?: typeof WebSocket;
  backoff?: BackoffOptions;
  /** Outgoing frame pacing; the default stays below the server's per-connection limit. */
  rate?: { perSec: number; burst: number };
};

/**
 * The transport under YamRooms: one server, one device identity, any number of rooms. It
 * keeps a connection up, authenticates, catches up on every (re)connect and delivers
 * each message once, in order, and sends opaque payloads through a persistent outbox.
 * Apps use YamRooms, which encrypts; this class is for the SDK and transport tests.
 */
export class YamClient {
  readonly clientId: ClientId;
  readonly server: string;
  readonly #dialer: Dialer;
  readonly #events = new Emitter<ClientEvents>();
  readonly #sender: ClientSender;
  readonly #presence: ClientPresence;
  readonly #rooms: RoomSubscriptions;
  /** Online members, profile records, typing and away (ClientPresence). */
  readonly presence: PresenceApi;
  /** The blob store, ICE servers and WebRTC signalling. */
  readonly media: ClientMedia;
  /** The MLS delivery service: KeyPackages, commits, Welcomes, join requests (bytes only). */
  readonly mls = new MlsTransport({
    online: () => this.#onlineSession(),
    member: (room) => this.#rooms.member(room),
    events: this.#events,
  });
  #state: ConnectionState = 'idle';
  #retryAt: number | undefined;
  #session: Session | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #maxPayloadBytes: number = LIMITS.maxPayloadBytes;
  #maxBlobBytes: number | undefined;
  #linkPreviews = false;
  #maxHistoryPage: number = LIMITS.maxHistoryPage;
  #closing: Promise<void> | undefined;

  constructor(options: YamClientOptions) {
    const clientId = parseClientId(options.identity.clientId);
    if (!clientId) throw new YamError(ErrorCode.AuthFailed, 'identity has an invalid client ID');
    this.clientId = clientId;
    this.server = options.server;
    this.#dialer = new Dialer(options);
    const link: ClientLink = {
      clientId,
      events: this.#events,
      session: () => this.#session,
      online: () => this.#onlineSession(),
      state: () => this.#state,
      failed: (error, room) => this.#reportError(error, room),
    };
    const store = options.store ?? new MemoryStore();
    const sender = new ClientSender(link, store, {
      maxPayloadBytes: () => this.#maxPayloadBytes,
      joined: (room) => this.#rooms.has(room),
      join: (room) => this.join(room),
    });
    this.#sender = sender;
    this.#presence = new ClientPresence(link);
    this.presence = this.#presence;
    this.#rooms = new RoomSubscriptions({
      ...link,
      store,
      sender,
      presence: this.#presence,
      maxHistoryPage: () => this.#maxHistoryPage,
    });
    this.media = new ClientMedia(link, this.server);
  }

  /** The connection state; `state` events report changes. */
  /** The largest blob the server takes, as its last `ready` said; undefined before one. [P-BLOB5] */
  get maxBlobBytes(): number | undefined {
    return this.#maxBlobBytes;
  }

  /** Whether the server said, in its last `ready`, that it fetches link previews. [P-PREV1] */
  get linkPreviews(): boolean {
    return this.#linkPreviews;
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** The connection state and, while offline, when the next attempt starts; `status` events report changes. */
  get status(): ConnectionStatus {
    return this.#retryAt === undefined
      ? { state: this.#state }
      : { state: this.#state, retryAt: this.#retryAt };
  }

  /** Starts connecting; reconnects with jittered exponential backoff until close(). */
  connect(): void {
    if (this.#state === 'closed') throw new YamError(ErrorCode.Internal, 'the client is closed');
    if (this.#session || this.#timer !== undefined) return;
    this.#open();
  }

  /** Closes the connection for good and waits for pending store writes. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#setState('closed');
      this.#sender.close();
      clearTimeout(this.#timer);
      this.#timer = undefined;
      const session = this.#session;
      this.#session = undefined;
      await session?.conn.close(1000, 'client closed');
      await this.#rooms.idle();
      await this.#sender.idle();
    })();
    return this.#closing;
  }

  /**
   * Joins a room: remembered, and subscribed on every connect. Resolves once subscribed
   * and caught up, or at once when offline (the room is subscribed on reconnect).
   */
  join(room: RoomId): Promise<void> {
    return this.#rooms.join(room);
  }

  /** Leaves a room: no more live messages; it is no longer subscribed on reconnect. */
  leave(room: RoomId): Promise<void> {
    return this.#rooms.leave(room);
  }

  /** Rooms joined (including rooms with queued outbox messages after a restart). */
  rooms(): RoomId[] {
    return this.#rooms.rooms();
  }

  /** Highest seq of `room` delivered in order so far (0: none yet). */
  cursor(room: RoomId): number {
    return this.#rooms.cursor(room);
  }

  /** Outbox items not yet acknowledged, oldest first. */
  pending(room?: RoomId): OutboxItem[] {
    return this.#sender.outbox.list(room);
  }

  /**
   * Queues a payload: written to the store's outbox first, then sent when online and
   * resent on every connect until the server acknowledges it (same cmid). [P-MSG4]
   * `cmid` lets a layer above bind the ID into the payload first (the MLS envelope does).
   * `acked` settles on the server's ack; it is registered before the frame can go out.
   * `mentions` go beside the payload, for the server's e-mail on mention. [P-MAIL2]
   */
  send(
    room: RoomId,
    payload: Uint8Array,
    cmid?: ClientMsgId,
    mentions?: readonly ClientId[],
  ): Promise<SentItem> {
    return this.#sender.send(room, payload, cmid, mentions);
  }

  /** Older messages before seq `before`, from the server when online (and stored), else from the store. */
  history(
    room: RoomId,
    options: { before: number; limit?: number },
  ): Promise<{ messages: ReceivedMessage[]; hasMore: boolean }> {
    return this.#rooms.history(room, options);
  }

  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof ClientEvents>(event: K, fn: (e: ClientEvents[K]) => void): () => void {
    return this.#events.on(event, fn);
  }

  // ---- connection life ------------------------------------------------------------

  #open(): void {
    this.#timer = undefined;
    this.#retryAt = undefined;
    this.#setState('connecting');
    // Socket events arrive asynchronously, after `session` below is set.
    let session!: Session;
    const conn = this.#dialer.dial({
      open: () => {
        if (session === this.#session) this.#setState('authenticating');
      },
      ready: (event) => {
        this.#linkPreviews = event.features?.linkPreviews === true;
        void this.#onReady(session, event.limits);
      },
      frame: (frame) => this.#onFrame(session, frame),
      error: (info) => this.#events.emit('error', info),
      closed: (info) => this.#onClosed(session, info.error?.retryAfterMs ?? 0),
    });
    session = newSession(conn);
    this.#session = session;
  }

  async #onReady(
    session: Session,
    limits: { maxPayloadBytes: number; maxHistoryPage: number; maxBlobBytes?: number | undefined },
  ): Promise<void> {
    if (session !== this.#session) return;
    session.authed = true;
    this.mls.reset();
    this.#dialer.authenticated();
    this.#maxPayloadBytes = limits.maxPayloadBytes;
    this.#maxHistoryPage = limits.maxHistoryPage;
    this.#maxBlobBytes = limits.maxBlobBytes;
    await this.#sender.load();
    await this.#rooms.subscribeAll(session);
    if (session === this.#session && session.conn.isOpen) this.#setState('online');
  }

  #onClosed(session: Session, retryAfterMs: number): void {
    if (session !== this.#session) return;
    this.#session = undefined;
    this.#rooms.detach();
    this.#presence.reset();
    if (this.#state === 'closed') return;
    const delay = this.#dialer.retryDelay(retryAfterMs);
    this.#retryAt = Date.now() + delay;
    this.#setState('offline');
    this.#timer = setTimeout(() => this.#open(), delay);
  }

  /** The authenticated session; when there is none yet, waits for the client to come online. */
  async #onlineSession(): Promise<Session> {
    for (;;) {
      const session = this.#session;
      if (session?.authed && session.conn.isOpen) return session;
      if (this.#state === 'closed') throw new YamError(ErrorCode.Internal, 'the client is closed');
      if (this.#state === 'idle') this.connect();
      await new Promise<void>((resolve) => {
        const off = this.on('state', (s) => {
          if (s === 'online' || s === 'closed') {
            off();
            resolve();
          }
        });
      });
    }
  }

  #setState(state: ConnectionState): void {
    if (this.#state === state || this.#state === 'closed') return;
    this.#state = state;
    if (state !== 'offline') this.#retryAt = undefined;
    this.#events.emit('state', state);
    this.#events.emit('status', this.status);
  }

  #onFrame(session: Session, frame: ServerMessage): void {
    if (session !== this.#session) return;
    if (frame.t === 'error' && frame.code === ErrorCode.NotMember) {
      // Never an error event: a refused request rejects its own promise; without a request,
      // a commit removed us (the secure layer saw it) and the server ended the subscription. [P-MEM4]
      if (frame.rid === undefined && frame.room !== undefined)
        this.#rooms.evicted(session, frame.room);
    } else if (isEventFrame(frame)) {
      emitEventFrame(frame, this.#events, () => this.#dialer.slowDown());
    } else if (frame.t === 'msg') {
      const message = toReceived(frame);
      // Our own echo settles the outbox item even if its ack got lost with a connection.
      if (message.from === this.clientId) this.#sender.publisher.settle(message);
      this.#rooms.live(message);
    } else if (
      frame.t === 'welcome' ||
      frame.t === 'joinRequest' ||
      frame.t === 'joinResult' ||
      frame.t === 'pakeReply' ||
      frame.t === 'pakeConfirm' ||
      frame.t === 'pakeProof' ||
      frame.t === 'pakeFailed'
    ) {
      this.mls.onFrame(frame);
    } else if (frame.t === 'presence' || frame.t === 'profile') {
      this.#presence.onFrame(session, frame);
    }
  }

  #reportError(error: unknown, room?: RoomId): void {
    const code = error instanceof YamError ? error.code : ErrorCode.Internal;
    const message = error instanceof Error ? error.message : String(error);
    this.#events.emit('error', room === undefined ? { code, message } : { code, message, room });
  }
}
