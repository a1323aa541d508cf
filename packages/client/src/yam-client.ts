import type { DeviceIdentity } from '@yam/crypto';
import {
  type ClientId,
  type ClientMsgId,
  ErrorCode,
  fromBase64Url,
  type HistoryEvent,
  type IceServer,
  type IceServersEvent,
  isYamError,
  type JoinOutcome,
  LIMITS,
  parseClientId,
  parseRoomId,
  type RoomId,
  type ServerMessage,
  type SubscribedEvent,
  toBase64Url,
  YamError,
} from '@yam/protocol';
import type { BackoffOptions } from './backoff.ts';
import { downloadBlob, type StoredBlob, uploadBlob } from './blobs.ts';
import { isConnectionLost } from './connection.ts';
import { toReceived } from './convert.ts';
import { Dialer } from './dialer.ts';
import { Emitter } from './emitter.ts';
import { RoomMembers } from './members.ts';
import { MemoryStore } from './memory-store.ts';
import { type CommitAck, MlsTransport } from './mls-transport.ts';
import { Outbox } from './outbox.ts';
import { Publisher } from './publisher.ts';
import { RoomProfiles } from './room-profiles.ts';
import { historyFetcher, newSession, type Session } from './session.ts';
import { RoomSync } from './sync.ts';
import type {
  ClientEvents,
  ClientStore,
  ConnectionState,
  OutboxItem,
  ReceivedMessage,
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
 * The headless Yam client: one server, one device identity, any number of rooms. It
 * keeps a connection up, authenticates, catches up on every (re)connect and delivers
 * each message once, in order, and sends through a persistent outbox.
 */
export class YamClient {
  readonly clientId: ClientId;
  readonly server: string;
  readonly #store: ClientStore;
  readonly #outbox: Outbox;
  readonly #dialer: Dialer;
  readonly #events = new Emitter<ClientEvents>();
  readonly #joined = new Set<RoomId>();
  readonly #syncs = new Map<RoomId, RoomSync>();
  readonly #members = new RoomMembers();
  readonly #profiles = new RoomProfiles({
    profile: (info) => this.#events.emit('profile', info),
    failed: (error, room) => this.#reportError(error, room),
  });
  readonly #publisher: Publisher;
  readonly #writes = new Set<Promise<unknown>>();
  readonly #mls = new MlsTransport({
    online: () => this.#onlineSession(),
    member: (room) => this.#memberSession(room),
    events: this.#events,
  });
  #state: ConnectionState = 'idle';
  #session: Session | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #maxPayloadBytes: number = LIMITS.maxPayloadBytes;
  #maxHistoryPage: number = LIMITS.maxHistoryPage;
  #closing: Promise<void> | undefined;

  constructor(options: YamClientOptions) {
    const clientId = parseClientId(options.identity.clientId);
    if (!clientId) throw new YamError(ErrorCode.AuthFailed, 'identity has an invalid client ID');
    this.clientId = clientId;
    this.server = options.server;
    this.#dialer = new Dialer(options);
    this.#store = options.store ?? new MemoryStore();
    this.#outbox = new Outbox(this.#store);
    this.#publisher = new Publisher(this.#outbox, {
      acked: (ack) => this.#events.emit('ack', ack),
      track: (write) => void this.#track(write),
    });
  }

  /** The connection state; `state` events report changes. */
  get state(): ConnectionState {
    return this.#state;
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
      clearTimeout(this.#timer);
      this.#timer = undefined;
      const session = this.#session;
      this.#session = undefined;
      await session?.conn.close(1000, 'client closed');
      await Promise.allSettled([...this.#syncs.values()].map((sync) => sync.idle()));
      await Promise.allSettled([...this.#writes]);
    })();
    return this.#closing;
  }

  /**
   * Joins a room: remembered, and subscribed on every connect. Resolves once subscribed
   * and caught up, or at once when offline (the room is subscribed on reconnect).
   */
  async join(room: RoomId): Promise<void> {
    if (!parseRoomId(room)) throw new YamError(ErrorCode.InvalidRoom, `invalid room ID: ${room}`);
    this.#joined.add(room);
    this.#syncFor(room);
    const session = this.#session;
    if (session?.authed) {
      try {
        await this.#subscribe(session, room);
      } catch (error) {
        if (isConnectionLost(error)) return;
        this.#joined.delete(room);
        // Not (yet) a member: the room stays unsubscribed until a join after the claim or Welcome. [P-MEM2]
        if (isYamError(error, ErrorCode.NotMember)) return;
        throw error;
      }
      return;
    }
    if (this.#state === 'connecting' || this.#state === 'authenticating') {
      await this.#untilSyncedOrOffline(room);
    }
  }

  /** Leaves a room: no more live messages; it is no longer subscribed on reconnect. */
  async leave(room: RoomId): Promise<void> {
    this.#joined.delete(room);
    this.#members.delete(room);
    this.#profiles.forget(room);
    const session = this.#session;
    if (!session?.subscribed.has(room)) return;
    session.subscribed.delete(room);
    session.flushed.delete(room);
    session.subscribing.delete(room);
    await session.conn.request({ t: 'unsub', room }).catch(() => undefined);
  }

  /** Rooms joined (including rooms with queued outbox messages after a restart). */
  rooms(): RoomId[] {
    return [...this.#joined];
  }

  /** Client IDs online in a room, as of the last subscription and presence events. */
  members(room: RoomId): ClientId[] {
    return this.#members.list(room);
  }

  /** Highest seq of `room` delivered in order so far (0: none yet). */
  cursor(room: RoomId): number {
    return this.#syncs.get(room)?.cursor ?? 0;
  }

  /** Outbox items not yet acknowledged, oldest first. */
  pending(room?: RoomId): OutboxItem[] {
    return this.#outbox.list(room);
  }

  /**
   * Queues a payload: written to the store's outbox first, then sent when online and
   * resent on every connect until the server acknowledges it (same cmid). [P-MSG4]
   * `cmid` lets a layer above bind the ID into the payload first (the MLS envelope does).
   */
  async send(room: RoomId, payload: Uint8Array, cmid?: ClientMsgId): Promise<OutboxItem> {
    if (payload.byteLength > this.#maxPayloadBytes) {
      throw new YamError(
        ErrorCode.PayloadTooLarge,
        `payload of ${payload.byteLength} bytes exceeds ${this.#maxPayloadBytes}`,
      );
    }
    if (!this.#joined.has(room)) void this.join(room).catch(() => undefined);
    const item = await this.#outbox.add(room, payload.slice(), cmid);
    const session = this.#session;
    if (session?.flushed.has(room)) this.#publisher.publish(session, item);
    return item;
  }

  /** Older messages before seq `before`, from the server when online (and stored), else from the store. */
  async history(
    room: RoomId,
    options: { before: number; limit?: number },
  ): Promise<{ messages: ReceivedMessage[]; hasMore: boolean }> {
    const limit = Math.max(
      1,
      Math.min(options.limit ?? LIMITS.defaultHistoryPage, this.#maxHistoryPage),
    );
    const session = this.#session;
    if (session?.authed) {
      const page = await session.conn.request<HistoryEvent>({
        t: 'hist',
        room,
        before: options.before,
        limit,
      });
      const messages = page.messages.map(toReceived);
      for (const m of messages)
        if (m.from !== this.clientId) this.#profiles.met(session, room, m.from);
      await this.#track(this.#store.putMessages(messages));
      return { messages, hasMore: page.hasMore };
    }
    const messages = await this.#store.getMessages(room, { beforeSeq: options.before, limit });
    return { messages, hasMore: messages.length === limit && (messages[0]?.seq ?? 1) > 1 };
  }

  // ---- MLS delivery service: transport only, the MLS layer above holds the keys ----

  /** Uploads one-time KeyPackages; resolves with how many unused ones the server holds. [P-DS2] */
  putKeyPackages(keyPackages: readonly Uint8Array[]): Promise<number> {
    return this.#mls.putKeyPackages(keyPackages);
  }

  /** Takes one KeyPackage of `clientId` from the server (one-time); null when none is left. [P-DS2] */
  claimKeyPackage(clientId: ClientId): Promise<Uint8Array | null> {
    return this.#mls.claimKeyPackage(clientId);
  }

  /** Sends an MLS commit made in `epoch` (joining the room first); throws EpochConflictError on a lost race. [P-DS1] */
  commit(
    room: RoomId,
    epoch: number,
    commit: Uint8Array,
    welcome?: { to: readonly ClientId[]; data: Uint8Array },
    cmid?: ClientMsgId,
    removes?: readonly ClientId[],
  ): Promise<CommitAck> {
    return this.#mls.commit(room, epoch, commit, welcome, cmid, removes);
  }

  /** Deletes a processed Welcome from the server inbox. [P-DS4] */
  ackWelcome(id: number): Promise<void> {
    return this.#mls.ackWelcome(id);
  }

  /** Asks the members of `room` to add this client; no membership needed. [P-DS5] */
  requestJoin(
    room: RoomId,
    keyPackage: Uint8Array,
    mac?: Uint8Array,
    info?: Uint8Array,
  ): Promise<{ id: number }> {
    return this.#mls.requestJoin(room, keyPackage, mac, info);
  }

  /** Settles a join request of a joined room. [P-DS6] */
  resolveJoin(room: RoomId, id: number, outcome: JoinOutcome): Promise<void> {
    return this.#mls.resolveJoin(room, id, outcome);
  }

  // ---- profiles and typing: opaque records, the app decides what they hold ----------

  /**
   * Sets this client's profile record for a room: sent now when subscribed, and again on
   * every (re)subscribe. Resolves true when the server stored a change. [P-PROF1] [P-PROF2]
   */
  setProfile(room: RoomId, data: Uint8Array): Promise<boolean> {
    return this.#profiles.setOwn(this.#session, room, data);
  }

  /** The server's stored profile record of a client in a joined room (null: none). [P-PROF3] */
  getProfile(room: RoomId, clientId: ClientId): Promise<Uint8Array | null> {
    const session = this.#session;
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
    if (clientId !== this.clientId) this.#profiles.met(this.#session, room, clientId);
  }

  /** Tells the room's other members that this client started or stopped typing (best effort). [P-TYPE1] */
  setTyping(room: RoomId, active: boolean): void {
    const session = this.#session;
    if (session?.subscribed.has(room)) session.conn.notify({ t: 'typing', room, active });
  }

  /** Tells the room's other members that this client is away or active again (best effort). [P-PRES2] */
  setAway(room: RoomId, away: boolean): void {
    const session = this.#session;
    if (session?.subscribed.has(room)) session.conn.notify({ t: 'activity', room, away });
  }

  /** Uploads bytes to this server's blob store (encrypt them first); needs a recent connection. [P-BLOB1] */
  uploadBlob(data: Uint8Array): Promise<StoredBlob> {
    const token = this.#dialer.token;
    if (!token) {
      return Promise.reject(new YamError(ErrorCode.Unauthenticated, 'connect before uploading'));
    }
    return uploadBlob(this.server, token, data);
  }

  /** Downloads a blob of this server by its hash. [P-BLOB2] */
  downloadBlob(hash: string): Promise<Uint8Array> {
    return downloadBlob(this.server, hash);
  }

  // ---- WebRTC signalling: opaque bytes between two members of a room ---------------

  /** Fresh STUN/TURN servers for WebRTC; empty when the server offers none. [P-ICE1] */
  async iceServers(): Promise<{ iceServers: IceServer[]; expiresAt: number }> {
    const session = await this.#onlineSession();
    const reply = await session.conn.request<IceServersEvent>({ t: 'ice' });
    return { iceServers: reply.iceServers, expiresAt: reply.expiresAt };
  }

  /** Sends signalling bytes to `to` in a subscribed room; false when not subscribed now. [P-SIG1] */
  signal(room: RoomId, to: ClientId, data: Uint8Array): boolean {
    const session = this.#session;
    if (!session?.subscribed.has(room)) return false;
    session.conn.notify({ t: 'signal', room, to, data: toBase64Url(data) });
    return true;
  }

  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof ClientEvents>(event: K, fn: (e: ClientEvents[K]) => void): () => void {
    return this.#events.on(event, fn);
  }

  // ---- connection life ------------------------------------------------------------

  #open(): void {
    this.#timer = undefined;
    this.#setState('connecting');
    // Socket events arrive asynchronously, after `session` below is set.
    let session!: Session;
    const conn = this.#dialer.dial({
      open: () => {
        if (session === this.#session) this.#setState('authenticating');
      },
      ready: (event) =>
        void this.#onReady(session, event.token, event.tokenExpiresAt, event.limits),
      frame: (frame) => this.#onFrame(session, frame),
      error: (info) => this.#events.emit('error', info),
      closed: (info) => this.#onClosed(session, info.error?.retryAfterMs ?? 0),
    });
    session = newSession(conn);
    this.#session = session;
  }

  async #onReady(
    session: Session,
    token: string,
    tokenExpiresAt: number,
    limits: { maxPayloadBytes: number; maxHistoryPage: number },
  ): Promise<void> {
    if (session !== this.#session) return;
    session.authed = true;
    this.#mls.reset();
    this.#dialer.authenticated(token, tokenExpiresAt);
    this.#maxPayloadBytes = limits.maxPayloadBytes;
    this.#maxHistoryPage = limits.maxHistoryPage;
    try {
      await this.#outbox.load();
    } catch (error) {
      this.#reportError(error);
    }
    // Queued messages of rooms not joined yet (e.g. after a restart) still need a subscription.
    for (const room of this.#outbox.rooms()) this.#joined.add(room);
    await Promise.allSettled([...this.#joined].map((room) => this.#subscribe(session, room)));
    if (session === this.#session && session.conn.isOpen) this.#setState('online');
  }

  #onClosed(session: Session, retryAfterMs: number): void {
    if (session !== this.#session) return;
    this.#session = undefined;
    for (const sync of this.#syncs.values()) sync.detach();
    this.#members.clear();
    this.#profiles.reset();
    if (this.#state === 'closed') return;
    const delay = this.#dialer.retryDelay(session.authed, retryAfterMs);
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

  /** An authenticated session subscribed to `room`, joining the room when needed. */
  async #memberSession(room: RoomId): Promise<Session> {
    if (!this.#joined.has(room)) await this.join(room);
    const session = await this.#onlineSession();
    if (!session.subscribed.has(room)) await this.#subscribe(session, room);
    if (!session.subscribed.has(room)) {
      throw new YamError(ErrorCode.NotSubscribed, `could not subscribe to ${room}`);
    }
    return session;
  }

  #setState(state: ConnectionState): void {
    if (this.#state === state || this.#state === 'closed') return;
    this.#state = state;
    this.#events.emit('state', state);
  }

  // ---- rooms ----------------------------------------------------------------------

  #subscribe(session: Session, room: RoomId): Promise<void> {
    const existing = session.subscribing.get(room);
    if (existing) return existing;
    const run = (async () => {
      const reply = await session.conn.request<SubscribedEvent>({ t: 'sub', room });
      if (session !== this.#session || !this.#joined.has(room)) return;
      session.subscribed.add(room);
      this.#members.reset(room, reply.members);
      this.#profiles.subscribed(session, room);
      for (const m of reply.members) if (m !== this.clientId) this.#profiles.met(session, room, m);
      await this.#syncFor(room).catchUp(
        reply.head,
        historyFetcher(session, room, this.#maxHistoryPage),
      );
      if (session !== this.#session || !session.subscribed.has(room)) return;
      // After catch-up, so items whose echo it found are settled, not sent again; in
      // queue order, before anything sent from now on.
      session.flushed.add(room);
      for (const item of this.#outbox.list(room)) this.#publisher.publish(session, item);
    })();
    session.subscribing.set(room, run);
    // Failures were reported where they happened (server error frame, store hook); forget
    // the attempt so a later join can retry.
    run.catch((error: unknown) => {
      if (session.subscribing.get(room) === run) session.subscribing.delete(room);
      // Not subscribed again on reconnect until joined again as a member. [P-MEM2]
      if (isYamError(error, ErrorCode.NotMember)) this.#joined.delete(room);
    });
    return run;
  }

  #syncFor(room: RoomId): RoomSync {
    let sync = this.#syncs.get(room);
    if (!sync) {
      sync = new RoomSync(room, this.#store, {
        deliver: (messages) => {
          for (const message of messages) {
            // Own messages found by catch-up settle their outbox items too.
            if (message.from === this.clientId) this.#publisher.settle(message);
            else this.#profiles.met(this.#session, room, message.from);
            this.#events.emit('message', message);
          }
        },
        synced: (cursor) => this.#events.emit('synced', { room, cursor }),
        failed: (error) => {
          if (!isConnectionLost(error)) this.#reportError(error, room);
        },
      });
      this.#syncs.set(room, sync);
    }
    return sync;
  }

  #untilSyncedOrOffline(room: RoomId): Promise<void> {
    return new Promise((resolve) => {
      const offs = [
        this.on('synced', (e) => e.room === room && done()),
        // 'online' comes after every subscribe settled: a refused one (NOT_MEMBER) too.
        this.on('state', (s) => (s === 'offline' || s === 'closed' || s === 'online') && done()),
      ];
      const done = () => {
        for (const off of offs) off();
        resolve();
      };
    });
  }

  #onFrame(session: Session, frame: ServerMessage): void {
    if (session !== this.#session) return;
    switch (frame.t) {
      case 'msg': {
        const message = toReceived(frame);
        // Our own echo settles the outbox item even if its ack got lost with a connection.
        if (message.from === this.clientId) this.#publisher.settle(message);
        if (this.#joined.has(message.room)) this.#syncFor(message.room).live(message);
        return;
      }
      case 'welcome':
      case 'joinRequest':
      case 'joinResult':
        this.#mls.onFrame(frame);
        return;
      case 'presence': {
        const presence = { room: frame.room, clientId: frame.clientId, state: frame.state };
        this.#members.apply(presence);
        if (presence.state === 'online') this.#profiles.met(session, frame.room, frame.clientId);
        this.#events.emit('presence', presence);
        return;
      }
      case 'profile':
        this.#profiles.update(frame);
        return;
      case 'signal':
        this.#events.emit('signal', {
          room: frame.room,
          from: frame.from,
          data: fromBase64Url(frame.data),
        });
        return;
      case 'activity':
        this.#events.emit('activity', {
          room: frame.room,
          clientId: frame.clientId,
          away: frame.away,
        });
        return;
      case 'typing':
        this.#events.emit('typing', {
          room: frame.room,
          clientId: frame.clientId,
          active: frame.active,
        });
        return;
      case 'error': {
        if (frame.code === ErrorCode.NotMember) {
          // A commit removed us (the secure layer saw it), or a request of ours was refused. [P-MEM4]
          if (frame.rid === undefined && frame.room !== undefined)
            this.#evicted(session, frame.room);
          return;
        }
        if (frame.code === ErrorCode.RateLimited) this.#dialer.slowDown();
        const info = { code: frame.code, message: frame.message };
        this.#events.emit(
          'error',
          frame.retryAfterMs === undefined ? info : { ...info, retryAfterMs: frame.retryAfterMs },
        );
        return;
      }
      default:
        return;
    }
  }

  /** The server ended our subscription: a commit removed us from the room. [P-MEM4] */
  #evicted(session: Session, room: RoomId): void {
    this.#joined.delete(room);
    session.subscribed.delete(room);
    session.flushed.delete(room);
    this.#members.delete(room);
  }

  // Store writes outside the room queues; close() waits for them.
  #track<T>(write: Promise<T>): Promise<T | undefined> {
    const tracked = write.catch((error) => {
      this.#reportError(error);
      return undefined;
    });
    this.#writes.add(tracked);
    void tracked.finally(() => this.#writes.delete(tracked));
    return tracked;
  }

  #reportError(error: unknown, room?: RoomId): void {
    const code = error instanceof YamError ? error.code : ErrorCode.Internal;
    const message = error instanceof Error ? error.message : String(error);
    this.#events.emit('error', room === undefined ? { code, message } : { code, message, room });
  }
}
