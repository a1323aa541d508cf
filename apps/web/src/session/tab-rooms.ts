import {
  type AckInfo,
  type Blocks,
  type ConnectionStatus,
  Emitter,
  type EnterOptions,
  type EnterOutcome,
  type JoinRequests,
  type OpenedMessage,
  type RawMessage,
  type ReceivedMessage,
  type RoomBlobs,
  type RoomHistory,
  type RoomMail,
  type RoomPresence,
  type RoomPreviews,
  type RoomPush,
  type RoomSignalling,
  type SealedProfiles,
  type SendReceipt,
  type SignalInfo,
  type YamRooms,
  type YamRoomsEvents,
} from '@yam/client';
import type { RoomMember } from '@yam/crypto';
import type { ClientId, RoomId } from '@yam/protocol';
import {
  canShareTabs,
  electLeader,
  onPageHide,
  openTabChannel,
  type TabElection,
} from '../platform/tabs/tab-lock.ts';
import { TabHost } from './tab-host.ts';
import { TabLink } from './tab-link.ts';
import { followAll, invokePath, LeaderGone, type TabState } from './tab-protocol.ts';
import { SentLedger } from './tab-sent.ts';

/** YamRooms' events, with the signalling and block-list changes. */
export type TabRoomsEvents = YamRoomsEvents & { signal: SignalInfo; blocks: readonly ClientId[] };

type Backend = { kind: 'local'; rooms: YamRooms } | { kind: 'remote'; link: TabLink };

const NO_STATE: TabState = {
  status: { state: 'idle' },
  subscribed: [],
  online: {},
  maxBlobBytes: undefined,
  previewsOffered: false,
};

/**
 * One server's rooms as this tab sees them: the YamRooms surface the app uses, over the
 * real YamRooms when this tab holds the server's connection (the leader, elected by Web
 * Lock), else over the tab channel to the leader. When the leader's tab closes, the lock
 * passes to one follower, which builds the real YamRooms from IndexedDB and answers the
 * others; unanswered calls are retried with it, sends without going out twice. MLS state
 * is only advanced by the leader. Without Web Locks or BroadcastChannel every tab leads.
 */
export class TabRooms {
  readonly clientId: ClientId;
  readonly server: string;
  readonly presence: Pick<RoomPresence, 'online' | 'setAway' | 'setTyping'>;
  readonly profiles: Pick<SealedProfiles, 'publish' | 'open' | 'meet'>;
  readonly history: Pick<
    RoomHistory,
    'stored' | 'queued' | 'page' | 'signedEnvelope' | 'adoptShared'
  >;
  readonly joins: Pick<JoinRequests, 'invite' | 'accept' | 'refuse'>;
  readonly blobs: Pick<RoomBlobs, 'maxBytes' | 'upload' | 'download'>;
  readonly push: Pick<RoomPush, 'serverKey' | 'subscribe' | 'unsubscribe'>;
  readonly mail: Pick<RoomMail, 'get' | 'set'>;
  readonly previews: Pick<RoomPreviews, 'offered' | 'fetch'>;
  readonly rtc: Pick<RoomSignalling, 'clientId' | 'iceServers' | 'signal' | 'on'>;
  readonly blocks: Pick<Blocks, 'block' | 'unblock' | 'list' | 'has' | 'onChange'>;
  readonly #make: () => YamRooms;
  readonly #tab = crypto.randomUUID();
  readonly #events = new Emitter<TabRoomsEvents>();
  /** Rooms this tab wants live (subscribed again on taking over). */
  readonly #mine = new Set<RoomId>();
  readonly #sent = new SentLedger();
  #backend!: Promise<Backend>;
  #setBackend!: (backend: Backend) => void;
  #backendSet = false;
  #local: YamRooms | undefined;
  #host: TabHost | undefined;
  #link: TabLink | undefined;
  #channel: BroadcastChannel | undefined;
  #election: TabElection | undefined;
  #state: TabState = NO_STATE;
  #offLocal: (() => void) | undefined;
  #offPageHide: (() => void) | undefined;
  #closed = false;

  constructor(options: { server: string; clientId: ClientId; make: () => YamRooms }) {
    this.server = options.server;
    this.clientId = options.clientId;
    this.#make = options.make;
    this.#resetBackend();
    const call = this.#call.bind(this);
    const fire = (path: string, ...args: unknown[]) => void call(path, ...args).catch(() => {});
    this.presence = {
      online: (room) =>
        (this.#local?.presence.online(room) ?? this.#state.online[room] ?? []) as ClientId[],
      setAway: (room, away) => fire('presence.setAway', room, away),
      setTyping: (room, active) => fire('presence.setTyping', room, active),
    };
    this.profiles = {
      publish: (room, record) => call('profiles.publish', room, record),
      open: (room, sealed) => call('profiles.open', room, sealed),
      meet: (room, clientId) => fire('profiles.meet', room, clientId),
    };
    this.history = {
      stored: (room, query) => call('history.stored', room, query),
      queued: (room) => call('history.queued', room),
      page: (room, query) => call('history.page', room, query),
      signedEnvelope: (message) => call('history.signedEnvelope', message),
      adoptShared: (message, by) => call('history.adoptShared', message, by),
    };
    this.joins = {
      invite: (room) => call('joins.invite', room),
      accept: (room, id) => call('joins.accept', room, id),
      refuse: (room, id) => call('joins.refuse', room, id),
    };
    const state = () => this.#state;
    const local = () => this.#local;
    this.blobs = {
      get maxBytes() {
        return local()?.blobs.maxBytes ?? state().maxBlobBytes;
      },
      upload: (bytes) => call('blobs.upload', bytes),
      download: (hash) => call('blobs.download', hash),
    };
    this.push = {
      serverKey: () => call('push.serverKey'),
      subscribe: (sub, rooms) => call('push.subscribe', sub, rooms),
      unsubscribe: (endpoint) => call('push.unsubscribe', endpoint),
    };
    this.mail = {
      get: () => call('mail.get'),
      set: (address) => call('mail.set', address),
    };
    this.previews = {
      get offered() {
        return local()?.previews.offered ?? state().previewsOffered;
      },
      fetch: (url) => call('previews.fetch', url),
    };
    this.rtc = {
      clientId: this.clientId,
      iceServers: () => call('rtc.iceServers'),
      signal: (room, to, data) => {
        const live = this.subscribed().includes(room);
        if (live) fire('rtc.signal', room, to, data);
        return live;
      },
      on: (_event, fn) => this.#events.on('signal', fn),
    };
    this.blocks = {
      block: (clientId) => call('blocks.block', clientId),
      unblock: (clientId) => call('blocks.unblock', clientId),
      list: () => call('blocks.list'),
      has: (clientId) => call('blocks.has', clientId),
      onChange: (fn) => this.#events.on('blocks', fn),
    };
  }

  /** The connection (the leader's, in a follower) and when the next attempt starts. */
  get status(): ConnectionStatus {
    return this.#local?.status ?? this.#state.status;
  }

  /** Whether this tab holds the connection (and the MLS state) now. */
  get leads(): boolean {
    return this.#local !== undefined;
  }

  /** Leads at once (the lock was free, or tabs cannot share), else follows the leader. */
  async start(): Promise<void> {
    if (!canShareTabs()) return this.#lead();
    const origin = new URL(this.server).origin;
    this.#channel = openTabChannel(`yam-tabs:${origin}`);
    this.#election = electLeader(`yam-leader:${origin}`);
    const role = await this.#election.first;
    if (this.#closed) return;
    if (role === 'leader') return this.#lead();
    this.#link = new TabLink(this.#channel, this.#tab, {
      event: (name, value) => this.#emit(name, value),
      state: (state) => {
        const before = this.#state.status;
        this.#state = state;
        // The leader's status as first heard, or changed while this tab was not told.
        if (JSON.stringify(before) !== JSON.stringify(state.status)) {
          this.#events.emit('status', state.status);
        }
      },
      // The new leader counts this tab's rooms as wanted.
      newLeader: () => {
        for (const room of this.#mine) void this.subscribe(room).catch(() => undefined);
      },
    });
    this.#offPageHide = onPageHide(() => this.#link?.bye());
    this.#setBackend({ kind: 'remote', link: this.#link });
    void this.#election.leading
      .then(() => this.#lead())
      .catch((error: unknown) => console.warn('yam:', error));
  }

  /** Closes the connection (when leading), then lets the next tab take it. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#offPageHide?.();
    this.#link?.bye();
    this.#link?.close();
    this.#host?.close();
    this.#sent.close();
    try {
      await this.#local?.close();
    } finally {
      this.#offLocal?.();
      // Only now: the next leader must not advance MLS state while this one still may.
      this.#election?.release();
      this.#channel?.close();
    }
  }

  on<K extends keyof TabRoomsEvents>(event: K, fn: (e: TabRoomsEvents[K]) => void): () => void {
    return this.#events.on(event, fn);
  }

  subscribed(): RoomId[] {
    return (this.#local?.subscribed() ?? this.#state.subscribed) as RoomId[];
  }

  subscribe(room: RoomId): Promise<void> {
    this.#mine.add(room);
    return this.#attempt(
      (rooms) => (this.#host ? this.#host.subscribe(this.#tab, room) : rooms.subscribe(room)),
      (link) => link.request('subscribe', [room]),
    );
  }

  unsubscribe(room: RoomId): Promise<void> {
    this.#mine.delete(room);
    return this.#attempt(
      (rooms) => (this.#host ? this.#host.unsubscribe(this.#tab, room) : rooms.unsubscribe(room)),
      (link) => link.request('unsubscribe', [room]),
    );
  }

  enter(room: RoomId, options: EnterOptions = {}): Promise<EnterOutcome> {
    const { onWaiting, ...plain } = options;
    return this.#attempt(
      (rooms) => rooms.enter(room, options),
      (link) => link.request('enter', [room, plain], onWaiting),
    );
  }

  /**
   * Encrypts and queues `body` in the leader. Retried with the next leader only when the
   * message is neither queued nor acked there yet, so it never goes out twice.
   */
  async send(room: RoomId, body: Uint8Array): Promise<SendReceipt> {
    const since = Date.now();
    for (let tries = 0; ; tries++) {
      const backend = await this.#backend;
      if (tries > 0) {
        const cmid = await this.#sent.find(room, body, since, this.#call.bind(this));
        if (cmid) return { room, cmid: cmid as SendReceipt['cmid'], acked: this.#sent.acked(cmid) };
      }
      if (backend.kind === 'local') return backend.rooms.send(room, body);
      try {
        const { cmid } = await backend.link.request<{ cmid: string }>('send', [room, body]);
        return { room, cmid: cmid as SendReceipt['cmid'], acked: this.#sent.acked(cmid) };
      } catch (error) {
        if (!(error instanceof LeaderGone) || this.#closed) throw error;
      }
    }
  }

  membership(room: RoomId): Promise<'member' | 'removed' | 'none'> {
    return this.#call('membership', room);
  }
  members(room: RoomId): Promise<ClientId[]> {
    return this.#call('members', room);
  }
  memberKeys(room: RoomId): Promise<RoomMember[]> {
    return this.#call('memberKeys', room);
  }
  markRead(room: RoomId, upTo: string): Promise<void> {
    return this.#call('markRead', room, upTo);
  }
  open(message: RawMessage | ReceivedMessage): Promise<OpenedMessage | undefined> {
    return this.#call('open', message);
  }
  erase(room: RoomId, from: string, cmid: string): Promise<void> {
    return this.#call('erase', room, from, cmid);
  }
  ownBody(room: RoomId, cmid: string): Promise<Uint8Array | undefined> {
    return this.#call('ownBody', room, cmid);
  }
  leave(room: RoomId): Promise<void> {
    return this.#call('leave', room);
  }
  removeMember(room: RoomId, clientId: ClientId, options: { ban?: boolean } = {}): Promise<void> {
    return this.#call('removeMember', room, clientId, options);
  }
  roles(room: RoomId): ReturnType<YamRooms['roles']> {
    return this.#call('roles', room);
  }
  setRole(room: RoomId, clientId: ClientId, role: 'admin' | 'member'): Promise<void> {
    return this.#call('setRole', room, clientId, role);
  }
  setMembersMayRemove(room: RoomId, allowed: boolean): Promise<void> {
    return this.#call('setMembersMayRemove', room, allowed);
  }
  openDm(peer: ClientId): Promise<RoomId> {
    return this.#call('openDm', peer);
  }

  /** Calls `path` on the real YamRooms, here or in the leader's tab. */
  #call<T>(path: string, ...args: unknown[]): Promise<T> {
    return this.#attempt(
      (rooms) => invokePath(rooms, path, args) as T | Promise<T>,
      (link) => link.request<T>(path, args),
    );
  }

  /** Runs where the connection is; a call whose leader went away goes to the next one. */
  async #attempt<T>(
    local: (rooms: YamRooms) => T | Promise<T>,
    remote: (link: TabLink) => Promise<T>,
  ): Promise<T> {
    for (;;) {
      const backend = await this.#backend;
      if (backend.kind === 'local') return local(backend.rooms);
      try {
        return await remote(backend.link);
      } catch (error) {
        if (!(error instanceof LeaderGone) || this.#closed) throw error;
      }
    }
  }

  /** This tab holds the lock: the real YamRooms, from IndexedDB, serving the other tabs. */
  async #lead(): Promise<void> {
    if (this.#closed || this.#local) return;
    // Calls from now on wait for the real YamRooms; unanswered ones are retried on it.
    if (this.#backendSet) this.#resetBackend();
    const link = this.#link;
    this.#link = undefined;
    this.#offPageHide?.();
    link?.close();
    const rooms = this.#make();
    this.#offLocal = followAll(rooms, (name, value) => this.#emit(name, value));
    this.#local = rooms;
    // As before tabs shared: calls go to YamRooms at once, start() runs beside them.
    const started = rooms.start();
    this.#setBackend({ kind: 'local', rooms });
    await started;
    if (this.#closed) return;
    if (this.#channel) {
      this.#host = new TabHost(this.#channel, this.#tab, rooms);
      this.#host.want(this.#tab, this.#mine);
    }
    // Taking over: rooms this tab wanted that start() did not subscribe (not a member yet).
    const live = new Set(rooms.subscribed());
    for (const room of this.#mine) {
      if (!live.has(room)) void this.subscribe(room).catch(() => undefined);
    }
  }

  #resetBackend(): void {
    this.#backendSet = false;
    this.#backend = new Promise((resolve) => {
      this.#setBackend = (backend) => {
        this.#backendSet = true;
        resolve(backend);
      };
    });
  }

  #emit(name: string, value: unknown): void {
    if (name === 'ack') this.#sent.ack(value as AckInfo);
    this.#events.emit(name as keyof TabRoomsEvents, value as never);
  }
}
