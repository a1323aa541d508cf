import type { YamRooms } from '@yam/client';
import type { RoomId } from '@yam/protocol';
import {
  followAll,
  invokePath,
  STATE_EVENTS,
  snapshot,
  TAB_CALLS,
  type TabMessage,
  toTabError,
} from './tab-protocol.ts';

/** Calls whose reply carries the state (the follower reads it right after). */
const STATEFUL_CALLS: readonly string[] = ['subscribe', 'unsubscribe', 'leave'];

/**
 * The leader's side of the tab channel: the one real YamRooms of this server in this
 * browser, answering the other tabs' calls and sending them its events. Subscriptions are
 * counted per tab: a room is unsubscribed only when no tab wants it any more.
 */
export class TabHost {
  readonly id: string;
  readonly #channel: BroadcastChannel;
  readonly #rooms: YamRooms;
  /** Which tabs (this one is `id`) want each room's live messages. */
  readonly #wanted = new Map<RoomId, Set<string>>();
  readonly #off: () => void;

  constructor(channel: BroadcastChannel, id: string, rooms: YamRooms) {
    this.id = id;
    this.#channel = channel;
    this.#rooms = rooms;
    this.#off = followAll(rooms, (name, value) => {
      const state = STATE_EVENTS.includes(name) ? snapshot(rooms) : undefined;
      this.#post({ t: 'event', name, value, ...(state ? { state } : {}) });
    });
    channel.addEventListener('message', this.#onMessage);
    this.#announce();
  }

  /** A tab wants `room` live (this tab: `this.id`). */
  subscribe(tab: string, room: RoomId): Promise<void> {
    this.want(tab, [room]);
    return this.#rooms.subscribe(room);
  }

  /** Counts rooms a tab already subscribed (before this host answered) as wanted by it. */
  want(tab: string, rooms: Iterable<RoomId>): void {
    for (const room of rooms) {
      let tabs = this.#wanted.get(room);
      if (!tabs) {
        tabs = new Set();
        this.#wanted.set(room, tabs);
      }
      tabs.add(tab);
    }
  }

  /** A tab no longer wants `room`; the last one unsubscribes it. */
  async unsubscribe(tab: string, room: RoomId): Promise<void> {
    const tabs = this.#wanted.get(room);
    tabs?.delete(tab);
    if (tabs && tabs.size > 0) return;
    this.#wanted.delete(room);
    await this.#rooms.unsubscribe(room);
  }

  /** Stops answering (this tab's session closes; the next tab takes over). */
  close(): void {
    this.#off();
    this.#channel.removeEventListener('message', this.#onMessage);
  }

  #announce(): void {
    this.#post({ t: 'leader', id: this.id, state: snapshot(this.#rooms) });
  }

  readonly #onMessage = (event: MessageEvent<TabMessage>): void => {
    const m = event.data;
    if (m.t === 'hello') this.#announce();
    else if (m.t === 'bye') void this.#forgetTab(m.tab);
    else if (m.t === 'call' && m.to === this.id) void this.#answer(m.tab, m.id, m.path, m.args);
  };

  async #answer(tab: string, id: number, path: string, args: unknown[]): Promise<void> {
    try {
      const value = await this.#run(tab, id, path, args);
      const state = STATEFUL_CALLS.includes(path) ? snapshot(this.#rooms) : undefined;
      if (this.#post({ t: 'reply', tab, id, ok: true, value, ...(state ? { state } : {}) })) return;
      throw new TypeError(`the answer to ${path} cannot go to another tab`);
    } catch (error) {
      this.#post({ t: 'reply', tab, id, ok: false, error: toTabError(error) });
    }
  }

  async #run(tab: string, id: number, path: string, args: unknown[]): Promise<unknown> {
    const room = args[0] as RoomId;
    switch (path) {
      case 'send': {
        // The ack reaches the follower as an 'ack' event (outbox resends included).
        const { cmid } = await this.#rooms.send(room, args[1] as Uint8Array);
        return { room, cmid };
      }
      case 'enter': {
        const options = (args[1] ?? {}) as Record<string, unknown>;
        return this.#rooms.enter(room, {
          ...options,
          onWaiting: () => this.#post({ t: 'waiting', tab, id }),
        });
      }
      case 'subscribe':
        return this.subscribe(tab, room);
      case 'unsubscribe':
        return this.unsubscribe(tab, room);
      default:
        if (!TAB_CALLS.includes(path))
          throw new TypeError(`not callable from another tab: ${path}`);
        return invokePath(this.#rooms, path, args);
    }
  }

  async #forgetTab(tab: string): Promise<void> {
    for (const room of [...this.#wanted.keys()]) {
      if (this.#wanted.get(room)?.has(tab)) await this.unsubscribe(tab, room).catch(() => {});
    }
  }

  /** False when the message does not clone (never expected; a reply then says so). */
  #post(message: TabMessage): boolean {
    try {
      this.#channel.postMessage(message);
      return true;
    } catch {
      return false;
    }
  }
}
