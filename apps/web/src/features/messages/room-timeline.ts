import { signal } from '@preact/signals';
import type { AckInfo, OpenedMessage, RawMessage } from '@yam/client';
import { type Content, encodeContent, type LinkPreview, type ReplyTo } from '@yam/client';
import type { MembershipLine, RoomRoles, TimelineSource } from '../../session/room-ports.ts';
import { applyChanges, deletedKeys } from './changes/message-changes.ts';
import { fitPreview } from './previews/fit-preview.ts';
import { hasReacted, tallyReactions } from './reactions/reaction-tally.ts';
import { mainTimeline } from './threads/thread-split.ts';
import { itemKey, membershipItem, type TimelineItem, toTimelineItem } from './timeline-item.ts';

const PAGE = 50;
/**
 * Messages kept while the room catches up: older ones leave the view (they are in the
 * store, and scrolling up pages them back), so a catch-up of any length costs the same
 * memory and each arrival folds a list of bounded length (issue 11).
 */
export const CATCH_UP_WINDOW = 300;
/**
 * While the room catches up, arrivals are shown together at most this often: folding and
 * laying out the list once per message made a long catch-up quadratic (issue 11).
 */
export const CATCH_UP_PUBLISH_MS = 100;

/**
 * The messages of one open room, as the UI shows them: stored messages in seq order,
 * then this device's outbox. It reads the local store first (instant, works offline),
 * then follows the client's live events, and pages older history on demand. Payloads
 * are MLS ciphertext: the secure layer opens them (and keeps own plaintext locally).
 * Membership changes ("Alice removed Carol") sit among the messages at their commit's seq.
 */
export class RoomTimeline {
  /** The main timeline: messages with edits, deletes and reactions folded in, no thread replies. */
  readonly items = signal<readonly TimelineItem[]>([]);
  /** Everything folded, thread replies included (threads read their messages here). */
  readonly all = signal<readonly TimelineItem[]>([]);
  readonly loadingOlder = signal(false);
  readonly hasMore = signal(true);
  readonly olderError = signal<string | undefined>(undefined);
  /** The view is complete as far as we can know: caught up with the server, or offline. */
  readonly settled = signal(false);

  readonly #source: TimelineSource;
  readonly #me: string;
  /** Membership lines by seq; shown from the oldest loaded seq on (older ones with their page). */
  readonly #lines = new Map<number, TimelineItem>();
  /** The oldest seq loaded (messages and commits alike); undefined before any. */
  #floor: number | undefined;
  /** Stored messages, ascending by seq. */
  #stored: TimelineItem[] = [];
  readonly #keys = new Set<string>();
  readonly #pending = new Map<string, TimelineItem>();
  readonly #unsubscribe: (() => void)[] = [];
  #disposed = false;
  /** Settles when start() has shown the stored page. */
  #started: Promise<void>;
  #markStarted: () => void = () => undefined;
  /** A page failed or needs the server: no retries until the connection is back. */
  #waitForOnline = false;
  /** The room's roles, for moderators' deletes (read at start and on every new epoch). */
  #roles: RoomRoles | undefined;
  /** Deleted messages whose text this device already forgot. */
  readonly #erased = new Set<string>();
  /** A publish waiting while the room catches up (CATCH_UP_PUBLISH_MS). */
  #publishTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(source: TimelineSource) {
    this.#source = source;
    this.#me = source.me;
    this.#started = new Promise((resolve) => {
      this.#markStarted = resolve;
    });
  }

  /** This device's client ID (the timeline says "You" for it). */
  get me(): string {
    return this.#me;
  }

  /** Shows what the store holds, then joins the room for live messages. */
  async start(): Promise<void> {
    const source = this.#source;
    this.#unsubscribe.push(
      source.onMessage((m) => this.#onMessage(m)),
      source.onMembership((line) => {
        this.#addLines([line]);
        this.#publish();
      }),
      source.onAck((a) => this.#onAck(a)),
      source.onRosterChange(() => void this.#readRoles()),
      source.onSynced(() => this.#settle()),
      source.onConnection((state) => {
        if (state === 'offline' || state === 'closed') this.#settle();
        if (state !== 'online' || !this.#waitForOnline) return;
        this.#waitForOnline = false;
        this.olderError.value = undefined;
      }),
    );
    const [local, outbox, lines] = await Promise.all([
      source.stored({ limit: PAGE }),
      source.queued(),
      source.membershipLines(),
      this.#readRoles(),
    ]);
    const opened = await this.#openAll(local);
    // Queued before this page: their acks come as ack events once the client reconnects.
    const queued = outbox.map(({ cmid, body }) =>
      toTimelineItem({ from: this.#me, cmid, body }, this.#me, true),
    );
    if (this.#disposed) return;
    this.#insertStored(opened);
    this.#lower(local[0]?.seq);
    this.#addLines(lines);
    for (const item of queued) if (!this.#keys.has(item.key)) this.#pending.set(item.key, item);
    if (local.length > 0 && local[0]!.seq <= 1) this.#noMore();
    if (source.connection() === 'offline') this.settled.value = true;
    this.#publish();
    this.#markStarted();
    source.join();
  }

  /** Queues a text message; it shows at once with a clock until the server stores it. */
  async send(
    text: string,
    name: string,
    replyTo?: ReplyTo,
    extra: {
      thread?: string | undefined;
      mentions?: readonly string[] | undefined;
      preview?: LinkPreview | undefined;
    } = {},
  ): Promise<void> {
    const content: Content = {
      type: 'text',
      text,
      name,
      sentAt: Date.now(),
      ...(replyTo ? { replyTo } : {}),
      ...(extra.thread ? { thread: extra.thread } : {}),
      ...(extra.mentions?.length ? { mentions: [...extra.mentions] } : {}),
      ...(extra.preview ? { preview: extra.preview } : {}),
    };
    await this.sendContent(fitPreview(content));
  }

  /** Replaces the text of one of this device's messages (every member applies it). */
  async edit(
    target: TimelineItem,
    text: string,
    name: string,
    mentions?: readonly string[],
  ): Promise<void> {
    if (target.from !== this.#me) throw new Error('only your own messages can be edited');
    await this.sendContent({
      type: 'edit',
      to: target.cmid,
      text,
      name,
      sentAt: Date.now(),
      ...(mentions?.length ? { mentions: [...mentions] } : {}),
    });
  }

  /** Deletes a message: one's own, or (as owner or admin) someone else's. */
  async remove(target: TimelineItem, name: string): Promise<void> {
    await this.sendContent({
      type: 'delete',
      to: target.cmid,
      author: target.from,
      name,
      sentAt: Date.now(),
    });
  }

  /** Reacts to a message with an emoji; the same emoji again takes the reaction back. */
  async react(target: TimelineItem, emoji: string, name: string): Promise<void> {
    const remove = hasReacted(target, emoji, this.#me);
    await this.sendContent({
      type: 'reaction',
      reaction: emoji,
      to: target.cmid,
      name,
      sentAt: Date.now(),
      ...(remove ? { remove: true as const } : {}),
    });
  }

  /** Queues any content (an image reference, say) the same way as text. */
  async sendContent(content: Content): Promise<void> {
    const body = encodeContent(content);
    const { cmid, acked } = await this.#source.send(body);
    const item = toTimelineItem({ from: this.#me, cmid, body }, this.#me, true);
    // The receipt settles on the ack even when it came before send() resolved.
    acked.then(
      (ack) => this.#onAck(ack),
      () => undefined, // the client closed: the item stays queued for the next page life
    );
    if (this.#keys.has(item.key) || this.#disposed) return;
    this.#pending.set(item.key, item);
    this.#publish();
  }

  /** Loads older pages until message `seq` is in the view (a search result to jump to). */
  async loadUntil(seq: number): Promise<void> {
    await this.#started;
    for (let step = 0; step < 500 && !this.#disposed; step++) {
      const oldest = this.#stored[0]?.seq;
      if (oldest !== undefined && oldest <= seq) return;
      if (!this.hasMore.value || this.olderError.value) return;
      if (this.loadingOlder.value || oldest === undefined) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      await this.loadOlder();
    }
  }

  /**
   * The root of the thread that message `key` replies in, loading older pages until it is
   * in the view; undefined when `key` is no thread reply (or its root is gone).
   */
  async threadRootOf(key: string): Promise<TimelineItem | undefined> {
    const reply = this.all.value.find((i) => i.key === key);
    if (!reply?.thread) return undefined;
    const find = () => this.all.value.find((i) => i.cmid === reply.thread && !i.thread);
    for (let step = 0; step < 500 && !find() && !this.#disposed; step++) {
      if (!this.hasMore.value || this.olderError.value) break;
      if (this.loadingOlder.value) await new Promise((resolve) => setTimeout(resolve, 50));
      else await this.loadOlder();
    }
    return find();
  }

  /** Loads the page before the oldest shown message: from the store when it has it, else the server. */
  async loadOlder(): Promise<void> {
    if (this.loadingOlder.value || !this.hasMore.value || this.#disposed || this.#waitForOnline) {
      return;
    }
    const oldest = this.#stored[0]?.seq;
    if (oldest === undefined) return; // nothing yet: the join's catch-up fills the view
    if (oldest <= 1) {
      this.#noMore();
      this.#publish();
      return;
    }
    this.loadingOlder.value = true;
    this.olderError.value = undefined;
    try {
      const local = contiguousTail(
        await this.#source.stored({ before: oldest, limit: PAGE }),
        oldest,
      );
      let page: RawMessage[] = local;
      let more = local.length > 0 && local[0]!.seq > 1;
      if (local.length === 0 && this.#source.connection() !== 'online') {
        // Offline, the store has a gap here: wait for the server rather than show a hole.
        this.olderError.value = 'Older messages load when you are back online.';
        this.#waitForOnline = true;
        return;
      }
      if (local.length === 0) {
        // Online, history() also stores the page; offline it answers from the store.
        const result = await this.#source.history({ before: oldest, limit: PAGE });
        page = result.messages;
        more = result.hasMore;
      }
      const opened = await this.#openAll(page);
      if (this.#disposed) return;
      this.#insertStored(opened);
      this.#lower(page[0]?.seq);
      if (more) this.hasMore.value = true;
      else this.#noMore();
      this.#publish();
    } catch {
      this.#waitForOnline = true;
      this.olderError.value =
        'Older messages need a connection; they load when you are back online.';
    } finally {
      this.loadingOlder.value = false;
    }
  }

  /**
   * Where history from other members should end: the first message this device can read
   * after the leading run it cannot (sent before it joined), else everything it holds.
   */
  historyBefore(): number {
    const firstReadable = this.#stored.find((i) => !i.unreadable && i.seq !== undefined);
    if (firstReadable) return firstReadable.seq!;
    const tail = this.#stored[this.#stored.length - 1]?.seq;
    return tail === undefined ? Number.MAX_SAFE_INTEGER : tail + 1;
  }

  /** Merges verified history other members forwarded: fills unreadable bubbles, adds missing ones. */
  mergeShared(messages: readonly OpenedMessage[]): void {
    const fresh: TimelineItem[] = [];
    for (const m of messages) {
      if (m.room !== this.#source.room) continue;
      const item = { ...toTimelineItem(m, this.#me), sharedBy: m.sharedBy };
      const at = this.#stored.findIndex((i) => i.key === item.key);
      if (at < 0) fresh.push(item);
      else if (this.#stored[at]!.unreadable) this.#stored[at] = item;
    }
    this.#stored = this.#stored.slice();
    this.#insertStored(fresh);
    this.#publish();
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#publishTimer);
    for (const off of this.#unsubscribe) off();
    this.#source.leave();
  }

  /** Opens stored messages (commits are not shown) into timeline items. */
  async #openAll(messages: readonly RawMessage[]): Promise<TimelineItem[]> {
    const items: TimelineItem[] = [];
    for (const m of messages) {
      const opened = await this.#source.open(m);
      if (opened) items.push(toTimelineItem(opened, this.#me));
    }
    return items;
  }

  #onMessage(m: OpenedMessage): void {
    const key = itemKey(m.from, m.cmid);
    if (this.#keys.has(key)) return;
    this.#pending.delete(key);
    this.#insertStored([toTimelineItem(m, this.#me)]);
    if (this.settled.value) {
      this.#publish();
      return;
    }
    this.#keepNewest(CATCH_UP_WINDOW);
    this.#publishTimer ??= setTimeout(() => this.#publish(), CATCH_UP_PUBLISH_MS);
  }

  /** Caught up (or offline): what arrived shows now, and each later arrival at once. */
  #settle(): void {
    if (this.#publishTimer !== undefined) this.#publish();
    this.settled.value = true;
  }

  /** Drops all but the newest `count` stored messages from memory (they stay in the store). */
  #keepNewest(count: number): void {
    const excess = this.#stored.length - count;
    if (excess <= 0) return;
    for (const item of this.#stored.slice(0, excess)) this.#keys.delete(item.key);
    this.#stored = this.#stored.slice(excess);
    this.#floor = this.#stored[0]?.seq;
    this.hasMore.value = true;
  }

  #onAck(a: AckInfo): void {
    if (this.#disposed) return;
    const key = itemKey(this.#me, a.cmid);
    const item = this.#pending.get(key);
    if (!item) return;
    this.#pending.delete(key);
    this.#insertStored([{ ...item, seq: a.seq, ts: a.ts, status: 'sent' }]);
    this.#publish();
  }

  /** Merges items into the seq-ordered list; live messages append, older pages prepend. */
  #insertStored(items: TimelineItem[]): void {
    const fresh = items.filter((i) => !this.#keys.has(i.key) && i.seq !== undefined);
    if (fresh.length === 0) return;
    for (const i of fresh) this.#keys.add(i.key);
    const first = fresh[0]!.seq!;
    const last = fresh[fresh.length - 1]!.seq!;
    const head = this.#stored[0]?.seq ?? Number.POSITIVE_INFINITY;
    const tail = this.#stored[this.#stored.length - 1]?.seq ?? 0;
    if (first > tail) this.#stored = this.#stored.concat(fresh);
    else if (last < head) this.#stored = fresh.concat(this.#stored);
    else this.#stored = this.#stored.concat(fresh).sort((a, b) => a.seq! - b.seq!);
  }

  #addLines(lines: readonly MembershipLine[]): void {
    for (const line of lines) {
      if (!this.#lines.has(line.seq)) this.#lines.set(line.seq, membershipItem(line, this.#me));
    }
  }

  #lower(seq: number | undefined): void {
    if (seq !== undefined && (this.#floor === undefined || seq < this.#floor)) this.#floor = seq;
  }

  /** The start of the room is loaded: every membership line shows. */
  #noMore(): void {
    this.hasMore.value = false;
    this.#floor = 0;
  }

  #publish(): void {
    clearTimeout(this.#publishTimer);
    this.#publishTimer = undefined;
    if (this.#disposed) return;
    const pending = [...this.#pending.values()].sort((a, b) => a.ts - b.ts);
    const floor = this.#floor ?? 0;
    const lines = [...this.#lines.values()]
      .filter((l) => l.seq! >= floor)
      .sort((a, b) => a.seq! - b.seq!);
    const stored = lines.length ? mergeBySeq(this.#stored, lines) : this.#stored;
    const every = pending.length ? stored.concat(pending) : stored;
    const all = tallyReactions(applyChanges(every, this.#roles));
    this.all.value = all;
    this.items.value = mainTimeline(all);
    this.#forgetDeleted(every);
  }

  async #readRoles(): Promise<void> {
    const roles = await this.#source.roles().catch(() => undefined);
    if (this.#disposed || JSON.stringify(roles) === JSON.stringify(this.#roles)) return;
    this.#roles = roles;
    this.#publish();
  }

  /**
   * Deleted messages leave no text on this device: the original and its edits are erased
   * from the plaintext store (IndexedDB), not only hidden.
   */
  #forgetDeleted(items: readonly TimelineItem[]): void {
    const gone = deletedKeys(items, this.#roles);
    if (gone.size === 0) return;
    for (const item of items) {
      if (item.seq === undefined || item.unreadable || this.#erased.has(item.key)) continue;
      const target = item.edit ? `${item.from}:${item.edit.to}` : item.key;
      if (!gone.has(target)) continue;
      this.#erased.add(item.key);
      void this.#source.erase(item.from, item.cmid).catch(() => this.#erased.delete(item.key));
    }
  }
}

/** Two seq-ordered lists as one. */
function mergeBySeq(a: readonly TimelineItem[], b: readonly TimelineItem[]): TimelineItem[] {
  const out: TimelineItem[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.seq! <= b[j]!.seq!)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

/** The messages just before `beforeSeq` with no gap, so a local page never hides a hole. */
function contiguousTail(messages: RawMessage[], beforeSeq: number): RawMessage[] {
  let expect = beforeSeq - 1;
  let i = messages.length - 1;
  while (i >= 0 && messages[i]!.seq === expect) {
    i--;
    expect--;
  }
  return messages.slice(i + 1);
}
