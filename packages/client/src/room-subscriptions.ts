import {
  ErrorCode,
  type HistoryEvent,
  isYamError,
  LIMITS,
  parseRoomId,
  type RoomId,
  type SubscribedEvent,
  YamError,
} from '@yam/protocol';
import type { ClientPresence } from './client-presence.ts';
import type { ClientSender } from './client-sender.ts';
import { isConnectionLost } from './connection.ts';
import { toReceived } from './convert.ts';
import { type ClientLink, historyFetcher, type Session } from './session.ts';
import { RoomSync } from './sync.ts';
import type { ClientStore, ReceivedMessage } from './types.ts';

export type SubscriptionHooks = ClientLink & {
  store: ClientStore;
  /** The outbox, its publisher, and the store writes close() waits for. */
  sender: ClientSender;
  presence: ClientPresence;
  maxHistoryPage(): number;
};

/**
 * The rooms a client follows: remembered across connections, subscribed on each one and
 * caught up, each delivering its messages once and in order through its RoomSync; then
 * the room's queued outbox goes out. Also pages older history. [P-SEQ1] [P-HIST1]
 */
export class RoomSubscriptions {
  readonly #hooks: SubscriptionHooks;
  readonly #joined = new Set<RoomId>();
  readonly #syncs = new Map<RoomId, RoomSync>();

  constructor(hooks: SubscriptionHooks) {
    this.#hooks = hooks;
  }

  rooms(): RoomId[] {
    return [...this.#joined];
  }

  has(room: RoomId): boolean {
    return this.#joined.has(room);
  }

  cursor(room: RoomId): number {
    return this.#syncs.get(room)?.cursor ?? 0;
  }

  /** Remembers the room; subscribes now when online, else waits for the attempt under way. */
  async join(room: RoomId): Promise<void> {
    if (!parseRoomId(room)) throw new YamError(ErrorCode.InvalidRoom, `invalid room ID: ${room}`);
    this.#joined.add(room);
    this.#syncFor(room);
    const session = this.#hooks.session();
    if (session?.authed) {
      try {
        await this.#subscribe(session, room);
      } catch (error) {
        if (isConnectionLost(error)) return;
        this.#joined.delete(room);
        // Not (yet) a member: unsubscribed until joined again after the claim or Welcome. [P-MEM2]
        if (isYamError(error, ErrorCode.NotMember)) return;
        throw error;
      }
      return;
    }
    const state = this.#hooks.state();
    if (state === 'connecting' || state === 'authenticating') {
      await this.#untilSyncedOrOffline(room);
    }
  }

  async leave(room: RoomId): Promise<void> {
    this.#joined.delete(room);
    this.#hooks.presence.forget(room);
    const session = this.#hooks.session();
    if (!session?.subscribed.has(room)) return;
    session.subscribed.delete(room);
    session.flushed.delete(room);
    session.subscribing.delete(room);
    await session.conn.request({ t: 'unsub', room }).catch(() => undefined);
  }

  /** A new session is ready: every room (and any with queued messages) is subscribed. */
  subscribeAll(session: Session): Promise<unknown> {
    // Queued messages of rooms not joined yet (e.g. after a restart) still need a subscription.
    for (const room of this.#hooks.sender.outbox.rooms()) this.#joined.add(room);
    return Promise.allSettled([...this.#joined].map((room) => this.#subscribe(session, room)));
  }

  /** An authenticated session subscribed to `room`, joining the room when needed. */
  async member(room: RoomId): Promise<Session> {
    if (!this.#joined.has(room)) await this.join(room);
    const session = await this.#hooks.online();
    if (!session.subscribed.has(room)) await this.#subscribe(session, room);
    if (!session.subscribed.has(room)) {
      throw new YamError(ErrorCode.NotSubscribed, `could not subscribe to ${room}`);
    }
    return session;
  }

  /** The server ended our subscription: a commit removed us from the room. [P-MEM4] */
  evicted(session: Session, room: RoomId): void {
    this.#joined.delete(room);
    session.subscribed.delete(room);
    session.flushed.delete(room);
    session.subscribing.delete(room);
    this.#hooks.presence.forget(room);
  }

  /** A live message from the server. */
  live(message: ReceivedMessage): void {
    if (this.#joined.has(message.room)) this.#syncFor(message.room).live(message);
  }

  /** The connection is gone: syncs stop fetching until the next catch-up. */
  detach(): void {
    for (const sync of this.#syncs.values()) sync.detach();
  }

  /** Waits for the rooms' queued store work. */
  idle(): Promise<unknown> {
    return Promise.allSettled([...this.#syncs.values()].map((sync) => sync.idle()));
  }

  /** Older messages before seq `before`, from the server when online (and stored), else from the store. */
  async history(
    room: RoomId,
    options: { before: number; limit?: number },
  ): Promise<{ messages: ReceivedMessage[]; hasMore: boolean }> {
    const { store, presence } = this.#hooks;
    const max = this.#hooks.maxHistoryPage();
    const limit = Math.max(1, Math.min(options.limit ?? LIMITS.defaultHistoryPage, max));
    const session = this.#hooks.session();
    if (session?.authed) {
      const page = await session.conn.request<HistoryEvent>({
        t: 'hist',
        room,
        before: options.before,
        limit,
      });
      const messages = page.messages.map(toReceived);
      for (const m of messages) presence.seen(session, room, m.from);
      await this.#hooks.sender.track(store.putMessages(messages));
      return { messages, hasMore: page.hasMore };
    }
    const messages = await store.getMessages(room, { beforeSeq: options.before, limit });
    return { messages, hasMore: messages.length === limit && (messages[0]?.seq ?? 1) > 1 };
  }

  #subscribe(session: Session, room: RoomId): Promise<void> {
    const existing = session.subscribing.get(room);
    if (existing) return existing;
    const hooks = this.#hooks;
    const run = (async () => {
      const reply = await session.conn.request<SubscribedEvent>({ t: 'sub', room });
      if (session !== hooks.session() || !this.#joined.has(room)) return;
      session.subscribed.add(room);
      hooks.presence.subscribed(session, room, reply.members);
      await this.#syncFor(room).catchUp(
        reply.head,
        historyFetcher(session, room, hooks.maxHistoryPage()),
      );
      if (session !== hooks.session() || !session.subscribed.has(room)) return;
      // After catch-up, so items whose echo it found are settled, not sent again; in
      // queue order, before anything sent from now on.
      session.flushed.add(room);
      const { outbox, publisher } = hooks.sender;
      for (const item of outbox.list(room)) publisher.publish(session, item);
    })();
    session.subscribing.set(room, run);
    // Failures were reported where they happened (server error frame, store hook); forget
    // the attempt so a later join can retry.
    run.catch((error: unknown) => {
      if (session.subscribing.get(room) === run) session.subscribing.delete(room);
      // Not subscribed again on reconnect until joined again as a member. [P-MEM2]
      if (isYamError(error, ErrorCode.NotMember)) {
        this.#joined.delete(room);
        this.#hooks.events.emit('notMember', { room });
      }
    });
    return run;
  }

  #syncFor(room: RoomId): RoomSync {
    let sync = this.#syncs.get(room);
    if (!sync) {
      const { clientId, events, sender, presence } = this.#hooks;
      sync = new RoomSync(room, this.#hooks.store, {
        deliver: (messages) => {
          for (const message of messages) {
            // Own messages found by catch-up settle their outbox items too.
            if (message.from === clientId) sender.publisher.settle(message);
            else presence.meet(room, message.from);
            events.emit('message', message);
          }
        },
        synced: (cursor) => events.emit('synced', { room, cursor }),
        failed: (error) => {
          if (!isConnectionLost(error)) this.#hooks.failed(error, room);
        },
      });
      this.#syncs.set(room, sync);
    }
    return sync;
  }

  #untilSyncedOrOffline(room: RoomId): Promise<void> {
    const { events } = this.#hooks;
    return new Promise((resolve) => {
      const offs = [
        events.on('synced', (e) => e.room === room && done()),
        // 'online' comes after every subscribe settled: a refused one (NOT_MEMBER) too.
        events.on('state', (s) => (s === 'offline' || s === 'closed' || s === 'online') && done()),
      ];
      const done = () => {
        for (const off of offs) off();
        resolve();
      };
    });
  }
}
