import { LIMITS, type RoomId } from '@yam/protocol';
import type { ClientStore, ReceivedMessage } from './types.ts';

/** Fetches one history page: `after` a seq, or the newest page when `after` is absent. */
export type FetchPage = (query: {
  after?: number;
}) => Promise<{ messages: ReceivedMessage[]; hasMore: boolean }>;

export type RoomSyncHooks = {
  /** Called with messages already persisted, in seq order, each seq once. */
  deliver(messages: ReceivedMessage[]): void;
  /** Catch-up finished: everything up to `cursor` is delivered. */
  synced(cursor: number): void;
  failed(error: unknown): void;
};

/** Live messages held while waiting for a gap to fill; more are dropped and refetched. */
const MAX_BUFFERED = 5_000;

/** Messages a device new to a room starts with: the server's default page. */
const NEWEST_PAGE = LIMITS.defaultHistoryPage;

/**
 * One room's delivery order. Catch-up pages and live messages both pass through one
 * serial queue and one cursor, so each seq is persisted and delivered exactly once and
 * in order, whatever order the network produced them in. [P-SEQ1] [P-HIST1]
 */
export class RoomSync {
  readonly room: RoomId;
  readonly #store: ClientStore;
  readonly #hooks: RoomSyncHooks;
  readonly #buffer = new Map<number, ReceivedMessage>();
  #cursor: number | undefined;
  #queue: Promise<void> = Promise.resolve();
  #fetch: FetchPage | undefined;
  #gapFillQueued = false;

  constructor(room: RoomId, store: ClientStore, hooks: RoomSyncHooks) {
    this.room = room;
    this.#store = store;
    this.#hooks = hooks;
  }

  /** Highest seq delivered so far (0 before the first), once loaded. */
  get cursor(): number {
    return this.#cursor ?? 0;
  }

  /** Resolves when everything queued so far has run. */
  idle(): Promise<void> {
    return this.#queue;
  }

  /** Catches up to `head` (from `subscribed`) with `fetch`, which stays in use for gap fills. */
  catchUp(head: number, fetch: FetchPage): Promise<void> {
    this.#fetch = fetch;
    return this.#enqueue(async () => {
      const cursor = await this.#loadCursor();
      // New to this room: only the newest page's worth (seqs have no gaps), fetched in as
      // many byte-capped pages as it takes; older messages come from history(). [P-HIST3]
      if (cursor === 0 && head > NEWEST_PAGE) this.#cursor = head - NEWEST_PAGE;
      await this.#fillTo(head, fetch);
      this.#hooks.synced(this.cursor);
    });
  }

  /** A live message from the socket. */
  live(message: ReceivedMessage): void {
    void this.#enqueue(async () => {
      await this.#loadCursor();
      await this.#accept([message]);
      // Something ahead of the cursor is waiting: a message went missing, fetch it.
      if (this.#buffer.size > 0 && this.#fetch && !this.#gapFillQueued) {
        this.#gapFillQueued = true;
        const fetch = this.#fetch;
        void this.#enqueue(async () => {
          this.#gapFillQueued = false;
          if (this.#buffer.size > 0) await this.#fillTo(0, fetch);
        });
      }
    });
  }

  /** Stops using the fetcher of a connection that is gone. */
  detach(): void {
    this.#fetch = undefined;
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(task);
    this.#queue = run.catch((error) => this.#hooks.failed(error));
    return run;
  }

  async #loadCursor(): Promise<number> {
    this.#cursor ??= await this.#store.getCursor(this.room);
    return this.#cursor;
  }

  async #fillTo(head: number, fetch: FetchPage): Promise<void> {
    for (;;) {
      const target = Math.max(head, ...this.#buffer.keys());
      if (this.cursor >= target) return;
      const before = this.cursor;
      const page = await fetch({ after: before });
      await this.#accept(page.messages);
      // No progress means the server does not have what we wait for: stop, do not spin.
      if (this.cursor === before || !page.hasMore) return;
    }
  }

  // Adds messages, then persists and delivers the run that continues the cursor.
  async #accept(messages: readonly ReceivedMessage[]): Promise<void> {
    const cursor = this.cursor;
    for (const m of messages) {
      if (m.room !== this.room || m.seq <= cursor || this.#buffer.has(m.seq)) continue;
      if (this.#buffer.size >= MAX_BUFFERED) break;
      this.#buffer.set(m.seq, m);
    }
    const run: ReceivedMessage[] = [];
    let next = cursor + 1;
    for (let m = this.#buffer.get(next); m; m = this.#buffer.get(next)) {
      run.push(m);
      this.#buffer.delete(next);
      next++;
    }
    if (run.length === 0) return;
    await this.#store.putMessages(run);
    this.#cursor = next - 1;
    await this.#store.setCursor(this.room, this.#cursor);
    this.#hooks.deliver(run);
  }
}
