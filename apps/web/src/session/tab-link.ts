import { fromTabError, LeaderGone, type TabMessage, type TabState } from './tab-protocol.ts';

type Pending = {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  onWaiting?: () => void;
};

/** What a follower hears from the leader besides replies. */
export type LinkListener = {
  event(name: string, value: unknown): void;
  state(state: TabState): void;
  /** Another tab took over from the leader this link knew. */
  newLeader(): void;
};

/**
 * A follower's side of the tab channel: calls go to the tab that leads now; when another
 * tab announces it leads (the holder closed), calls still unanswered reject with
 * LeaderGone and the caller decides how to retry (sends must not go out twice).
 */
export class TabLink {
  readonly #channel: BroadcastChannel;
  readonly #tab: string;
  readonly #listener: LinkListener;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #leader: string | undefined;
  /** Resolves once a leader announced itself (or this link closed). */
  #known!: Promise<void>;
  #setKnown!: () => void;
  #closed = false;

  constructor(channel: BroadcastChannel, tab: string, listener: LinkListener) {
    this.#channel = channel;
    this.#tab = tab;
    this.#listener = listener;
    this.#resetKnown();
    channel.addEventListener('message', this.#onMessage);
    channel.postMessage({ t: 'hello', tab } satisfies TabMessage);
  }

  /** Calls the leader's YamRooms at `path`; rejects with LeaderGone when it goes away first. */
  async request<T>(path: string, args: unknown[], onWaiting?: () => void): Promise<T> {
    await this.#known;
    const leader = this.#leader;
    if (this.#closed || leader === undefined) throw new LeaderGone();
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, {
        resolve: resolve as (value: unknown) => void,
        reject,
        ...(onWaiting ? { onWaiting } : {}),
      });
      const message: TabMessage = { t: 'call', tab: this.#tab, to: leader, id, path, args };
      try {
        this.#channel.postMessage(message);
      } catch (error) {
        // Arguments that do not clone (a function, say): a bug of the caller, said at once.
        this.#pending.delete(id);
        reject(error);
      }
    });
  }

  /** This tab leads from now on (or its session closes): unanswered calls reject. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#channel.removeEventListener('message', this.#onMessage);
    this.#setKnown();
    this.#failPending();
  }

  /** Tells the leader this tab goes away (its subscriptions end). */
  bye(): void {
    this.#channel.postMessage({ t: 'bye', tab: this.#tab } satisfies TabMessage);
  }

  readonly #onMessage = (event: MessageEvent<TabMessage>): void => {
    const m = event.data;
    switch (m.t) {
      case 'leader':
        if (m.id !== this.#leader) {
          const had = this.#leader !== undefined;
          this.#leader = m.id;
          this.#setKnown();
          this.#listener.state(m.state);
          if (had) {
            this.#failPending();
            this.#listener.newLeader();
          }
          return;
        }
        this.#listener.state(m.state);
        return;
      case 'event':
        if (m.state) this.#listener.state(m.state);
        this.#listener.event(m.name, m.value);
        return;
      case 'waiting':
        if (m.tab === this.#tab) this.#pending.get(m.id)?.onWaiting?.();
        return;
      case 'reply': {
        if (m.tab !== this.#tab) return;
        const call = this.#pending.get(m.id);
        if (!call) return;
        this.#pending.delete(m.id);
        if (m.ok) {
          if (m.state) this.#listener.state(m.state);
          call.resolve(m.value);
        } else call.reject(fromTabError(m.error));
        return;
      }
      default:
        return;
    }
  };

  #resetKnown(): void {
    this.#known = new Promise((resolve) => {
      this.#setKnown = resolve;
    });
  }

  #failPending(): void {
    const calls = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of calls) call.reject(new LeaderGone());
  }
}
