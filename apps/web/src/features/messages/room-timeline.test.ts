import {
  type AckInfo,
  type ConnectionState,
  decodeContent,
  encodeContent,
  type OpenedMessage,
  type QueuedMessage,
  type RawMessage,
} from '@yam/client';
import type { ClientId, ClientMsgId, RoomId, Seq } from '@yam/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MembershipLine, RoomRoles, TimelineSource } from '../../session/room-ports.ts';
import { CATCH_UP_PUBLISH_MS, CATCH_UP_WINDOW, RoomTimeline } from './room-timeline.ts';

const ROOM = 'tea' as RoomId;
const ME = 'me';

function text(body: string, name = 'Someone'): Uint8Array {
  return encodeContent({ type: 'text', text: body, name, sentAt: 1 });
}

function stored(seq: number, body: string, from = 'ana', cmid = `m${seq}`): RawMessage {
  return {
    room: ROOM,
    seq: seq as Seq,
    from: from as ClientId,
    cmid: cmid as ClientMsgId,
    ts: 1_000 + seq,
    payload: text(body),
    kind: 'message',
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The room port in memory, without crypto: payloads are the content bytes. The test plays
 * the server: it delivers messages, acks (settling send() receipts) and history pages.
 */
class FakeRoom implements TimelineSource {
  readonly room = ROOM;
  readonly me = ME;
  state: ConnectionState = 'online';
  /** What this device holds, ascending by seq. */
  local: RawMessage[] = [];
  /** Own messages not acked yet (the outbox, in plaintext). */
  outbox: QueuedMessage[] = [];
  /** What the server holds beyond the store, for history(). */
  server: RawMessage[] = [];
  /** Membership changes this device kept. */
  lines: MembershipLine[] = [];
  joins = 0;
  leaves = 0;
  /** Set to ack a send before its promise resolves (what the receipt must not miss). */
  ackBeforeResolve: number | undefined;
  /** False: acks settle the receipts only, no ack event (the timeline must not need it). */
  ackEvents = true;
  readonly #receipts = new Map<string, (ack: AckInfo) => void>();
  readonly #listeners = {
    message: new Set<(m: OpenedMessage) => void>(),
    ack: new Set<(a: AckInfo) => void>(),
    synced: new Set<() => void>(),
    membership: new Set<(l: MembershipLine) => void>(),
    state: new Set<(s: ConnectionState) => void>(),
    roster: new Set<() => void>(),
  };
  #sent = 0;

  connection(): ConnectionState {
    return this.state;
  }
  async stored(query: { before?: number; limit: number }) {
    const before = query.before ?? Number.POSITIVE_INFINITY;
    return this.local.filter((m) => m.seq < before).slice(-query.limit);
  }
  async queued() {
    return this.outbox;
  }
  /** Messages whose text the timeline asked to forget (`from:cmid`). */
  erased = new Set<string>();
  roleSet: RoomRoles | undefined;
  async roles() {
    return this.roleSet;
  }
  onRosterChange(l: () => void) {
    return this.#on(this.#listeners.roster, l);
  }
  rosterChanged(): void {
    for (const l of this.#listeners.roster) l();
  }
  async erase(from: string, cmid: string) {
    this.erased.add(`${from}:${cmid}`);
  }
  async open(m: RawMessage): Promise<OpenedMessage | undefined> {
    if (m.kind !== 'message') return undefined;
    if (this.erased.has(`${m.from}:${m.cmid}`)) {
      return { room: m.room, seq: m.seq, from: m.from, cmid: m.cmid, ts: m.ts, problem: 'erased' };
    }
    return { room: m.room, seq: m.seq, from: m.from, cmid: m.cmid, ts: m.ts, body: m.payload };
  }
  async send(body: Uint8Array) {
    const cmid = `c${++this.#sent}` as ClientMsgId;
    this.outbox.push({ room: ROOM, cmid, queuedAt: Date.now(), body });
    const acked = new Promise<AckInfo>((resolve) => this.#receipts.set(cmid, resolve));
    if (this.ackBeforeResolve !== undefined) this.ack(cmid, this.ackBeforeResolve);
    return { cmid, acked };
  }
  async history(query: { before: number; limit: number }) {
    const older = this.server.filter((m) => m.seq < query.before).slice(-query.limit);
    this.putLocal(older);
    return { messages: older, hasMore: (older[0]?.seq ?? 1) > 1 };
  }
  onMessage(l: (m: OpenedMessage) => void) {
    return this.#on(this.#listeners.message, l);
  }
  async membershipLines() {
    return this.lines;
  }
  onMembership(l: (line: MembershipLine) => void) {
    return this.#on(this.#listeners.membership, l);
  }
  onAck(l: (a: AckInfo) => void) {
    return this.#on(this.#listeners.ack, l);
  }
  onSynced(l: () => void) {
    return this.#on(this.#listeners.synced, l);
  }
  onConnection(l: (s: ConnectionState) => void) {
    return this.#on(this.#listeners.state, l);
  }
  join() {
    this.joins++;
  }
  leave() {
    this.leaves++;
  }

  // The device's store and the server's side.
  putLocal(messages: RawMessage[]): void {
    const bySeq = new Map([...this.local, ...messages].map((m) => [m.seq, m]));
    this.local = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }
  deliver(m: RawMessage): void {
    for (const l of this.#listeners.message) l({ ...m, body: m.payload });
  }
  change(line: MembershipLine): void {
    this.lines.push(line);
    for (const l of this.#listeners.membership) l(line);
  }
  ack(cmid: string, seq: number): void {
    const a = { room: ROOM, cmid: cmid as ClientMsgId, seq: seq as Seq, ts: 5_000 + seq };
    this.outbox = this.outbox.filter((o) => o.cmid !== cmid);
    this.#receipts.get(cmid)?.(a);
    this.#receipts.delete(cmid);
    if (this.ackEvents) for (const l of this.#listeners.ack) l(a);
  }
  synced(): void {
    for (const l of this.#listeners.synced) l();
  }
  setState(state: ConnectionState): void {
    this.state = state;
    for (const l of this.#listeners.state) l(state);
  }
  listenerCount(): number {
    return Object.values(this.#listeners).reduce((n, set) => n + set.size, 0);
  }
  #on<T>(set: Set<T>, listener: T): () => void {
    set.add(listener);
    return () => set.delete(listener);
  }
}

const texts = (t: RoomTimeline) => t.items.value.map((i) => `${i.text}:${i.status}`);

describe('RoomTimeline', () => {
  let room: FakeRoom;
  let timeline: RoomTimeline;
  beforeEach(() => {
    room = new FakeRoom();
    timeline = new RoomTimeline(room);
  });

  it('shows the store in seq order, then the outbox as pending, and joins for live messages', async () => {
    room.putLocal([stored(3, 'three'), stored(2, 'two')]);
    const { cmid } = await room.send(text('queued', 'Me'));
    expect(cmid).toBe('c1');
    await timeline.start();
    expect(texts(timeline)).toEqual(['two:received', 'three:received', 'queued:pending']);
    expect(room.joins).toBe(1);
    expect(timeline.settled.value).toBe(false);
    room.synced();
    expect(timeline.settled.value).toBe(true);
  });

  it('a sent message shows at once with a clock, then as sent when the server acks it', async () => {
    await timeline.start();
    await timeline.send('hello', 'Me');
    expect(texts(timeline)).toEqual(['hello:pending']);
    room.ack('c1', 7);
    expect(texts(timeline)).toEqual(['hello:sent']);
    expect(timeline.items.value[0]!.seq).toBe(7);
  });

  it('an ack that beats the send() promise is not missed: the receipt applies it', async () => {
    await timeline.start();
    room.ackBeforeResolve = 4;
    await timeline.send('quick', 'Me');
    await flush();
    expect(texts(timeline)).toEqual(['quick:sent']);
    expect(timeline.items.value[0]!.seq).toBe(4);
  });

  it('a sent message needs only its receipt, not the ack event', async () => {
    await timeline.start();
    room.ackEvents = false;
    await timeline.send('receipt', 'Me');
    expect(texts(timeline)).toEqual(['receipt:pending']);
    room.ack('c1', 9);
    await flush();
    expect(texts(timeline)).toEqual(['receipt:sent']);
  });

  it('a message queued before the page opened turns sent on its ack event', async () => {
    await room.send(text('from before', 'Me'));
    await timeline.start();
    expect(texts(timeline)).toEqual(['from before:pending']);
    room.ack('c1', 2);
    expect(texts(timeline)).toEqual(['from before:sent']);
  });

  it('merges live messages by seq and drops duplicates', async () => {
    room.putLocal([stored(1, 'one')]);
    await timeline.start();
    room.synced();
    room.deliver(stored(3, 'three'));
    room.deliver(stored(2, 'two'));
    room.deliver(stored(3, 'three'));
    expect(texts(timeline)).toEqual(['one:received', 'two:received', 'three:received']);
  });

  it('pages older messages from the store, then from the server, and stops at seq 1', async () => {
    room.server = Array.from({ length: 60 }, (_, i) => stored(i + 1, `s${i + 1}`));
    room.putLocal(room.server.slice(50));
    await timeline.start();
    expect(timeline.items.value).toHaveLength(10);
    await timeline.loadOlder();
    expect(timeline.items.value).toHaveLength(60);
    expect(timeline.items.value[0]!.text).toBe('s1');
    expect(timeline.hasMore.value).toBe(false);
  });

  it('a long catch-up keeps only the newest messages in memory; scrolling up pages the rest back', async () => {
    await timeline.start();
    const total = CATCH_UP_WINDOW + 120;
    const all = Array.from({ length: total }, (_, i) => stored(i + 1, `c${i + 1}`));
    let lists = 0;
    const off = timeline.items.subscribe(() => lists++);
    lists = 0;
    for (const m of all) {
      room.putLocal([m]); // the client stores before it delivers
      room.deliver(m);
    }
    // Arrivals while catching up show together, not one list (and layout) per message.
    expect(lists).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, CATCH_UP_PUBLISH_MS));
    expect(lists).toBe(1);
    off();
    expect(timeline.items.value).toHaveLength(CATCH_UP_WINDOW);
    expect(timeline.items.value.at(-1)!.text).toBe(`c${total}`);
    expect(timeline.hasMore.value).toBe(true);
    await timeline.loadOlder();
    expect(timeline.items.value).toHaveLength(CATCH_UP_WINDOW + 50);
    expect(timeline.items.value[0]!.text).toBe(`c${120 - 50 + 1}`);
    // Caught up: what arrives live stays, whatever the length.
    room.synced();
    for (let i = 1; i <= 5; i++) room.deliver(stored(total + i, `live${i}`));
    expect(timeline.items.value).toHaveLength(CATCH_UP_WINDOW + 55);
  });

  it('the end of a catch-up shows what arrived at once, without waiting for the next publish', async () => {
    await timeline.start();
    room.deliver(stored(1, 'one'));
    room.deliver(stored(2, 'two'));
    expect(texts(timeline)).toEqual([]);
    room.synced();
    expect(texts(timeline)).toEqual(['one:received', 'two:received']);
    expect(timeline.settled.value).toBe(true);
  });

  it('offline with a gap in the store: says so, and retries once back online', async () => {
    room.server = Array.from({ length: 5 }, (_, i) => stored(i + 1, `s${i + 1}`));
    room.putLocal(room.server.slice(3));
    room.state = 'offline';
    await timeline.start();
    expect(timeline.settled.value).toBe(true);
    await timeline.loadOlder();
    expect(timeline.olderError.value).toMatch(/back online/);
    expect(timeline.items.value).toHaveLength(2);
    room.setState('online');
    expect(timeline.olderError.value).toBeUndefined();
    await timeline.loadOlder();
    expect(timeline.items.value.map((i) => i.text)).toEqual(['s1', 's2', 's3', 's4', 's5']);
  });

  it('dispose leaves the room and stops listening', async () => {
    await timeline.start();
    expect(room.listenerCount()).toBe(6);
    timeline.dispose();
    expect(room.leaves).toBe(1);
    expect(room.listenerCount()).toBe(0);
    room.deliver(stored(1, 'late'));
    expect(timeline.items.value).toEqual([]);
  });

  it('own messages read back as own, with the name they were sent with', async () => {
    await timeline.start();
    room.synced();
    room.deliver({ ...stored(1, 'mine', ME), payload: text('mine', 'Me') });
    const [item] = timeline.items.value;
    expect(item).toMatchObject({ own: true, name: 'Me', status: 'sent' });
    expect(decodeContent(text('x'))?.type).toBe('text');
  });

  it('membership lines sit among the messages by seq, kept ones and live ones, once each', async () => {
    const removal = { seq: 3, ts: 1_003, by: 'ana', added: [], removed: ['bo'], left: false };
    room.putLocal([stored(2, 'two'), stored(4, 'four')]);
    room.lines = [removal];
    await timeline.start();
    room.deliver(stored(5, 'five'));
    room.change({ seq: 6, ts: 1_006, by: ME, added: ['cy'], removed: [], left: false });
    room.change(removal);
    const shown = timeline.items.value.map((i) => (i.membership ? `line ${i.seq}` : i.text));
    expect(shown).toEqual(['two', 'line 3', 'four', 'five', 'line 6']);
    expect(timeline.items.value[4]).toMatchObject({ own: true, key: 'membership:6' });
  });

  it('a kept line older than the loaded page shows only once its page is loaded', async () => {
    room.server = Array.from({ length: 60 }, (_, i) => stored(i + 1, `s${i + 1}`));
    room.server[19] = { ...stored(20, ''), kind: 'commit' }; // the commit of the line
    room.putLocal(room.server.slice(50));
    room.lines = [{ seq: 20, ts: 1_020, by: 'ana', added: ['cy'], removed: [], left: false }];
    await timeline.start();
    expect(timeline.items.value.some((i) => i.membership)).toBe(false);
    await timeline.loadOlder();
    const at = timeline.items.value.findIndex((i) => i.membership);
    expect(timeline.items.value[at - 1]!.text).toBe('s19');
    expect(timeline.items.value[at + 1]!.text).toBe('s21');
  });

  describe('edits, deletes and threads', () => {
    const raw = (seq: number, from: string, body: Uint8Array, cmid = `m${seq}`): RawMessage => ({
      ...stored(seq, '', from, cmid),
      payload: body,
    });
    // Content IDs as the codec shapes them: client IDs of 43 characters, cmids of 8 or more.
    const ANA = 'a'.repeat(43);
    const BOSS = 'b'.repeat(43);
    const MAL = 'c'.repeat(43);
    const del = (to: string, author: string) =>
      encodeContent({ type: 'delete', to, author, sentAt: 1 });

    it('a delete by the author erases the original and its edits from the store, and survives a reload', async () => {
      room.putLocal([
        stored(1, 'secret', ANA, 'msg-0001'),
        raw(
          2,
          ANA,
          encodeContent({ type: 'edit', to: 'msg-0001', text: 'more secret', sentAt: 1 }),
        ),
        raw(3, ANA, del('msg-0001', ANA)),
      ]);
      await timeline.start();
      expect(timeline.items.value).toHaveLength(1);
      expect(timeline.items.value[0]).toMatchObject({ text: '', deleted: { by: ANA } });
      await flush();
      expect([...room.erased].sort()).toEqual([`${ANA}:m2`, `${ANA}:msg-0001`]);
      timeline.dispose();
      const again = new RoomTimeline(room);
      await again.start();
      expect(again.items.value[0]).toMatchObject({ deleted: { by: ANA } });
      expect(JSON.stringify(again.all.value)).not.toContain('secret');
    });

    it("a plain member's delete of another's message changes nothing and erases nothing", async () => {
      room.roleSet = { roles: { [BOSS]: 'owner' }, membersMayRemove: false };
      room.putLocal([stored(1, 'keep me', ANA, 'msg-0001'), raw(2, MAL, del('msg-0001', ANA))]);
      await timeline.start();
      await flush();
      expect(texts(timeline)).toEqual(['keep me:received']);
      expect(room.erased.size).toBe(0);
    });

    it("the owner's delete of a member's message applies once the roles are known", async () => {
      room.putLocal([stored(1, 'spam', ANA, 'msg-0001'), raw(2, BOSS, del('msg-0001', ANA))]);
      await timeline.start();
      expect(texts(timeline)).toEqual(['spam:received']);
      room.roleSet = { roles: { [BOSS]: 'owner' }, membersMayRemove: false };
      room.rosterChanged();
      await flush();
      expect(timeline.items.value[0]).toMatchObject({ text: '', deleted: { by: BOSS } });
      expect(room.erased.has(`${ANA}:msg-0001`)).toBe(true);
    });

    it('sends thread replies that stay out of the main timeline and count on the root', async () => {
      room.putLocal([stored(1, 'root', ANA, 'msg-0001')]);
      await timeline.start();
      await timeline.send('in thread', 'Me', undefined, { thread: 'msg-0001', mentions: [ANA] });
      expect(texts(timeline)).toEqual(['root:received']);
      expect(timeline.items.value[0]!.replies).toBe(1);
      const reply = timeline.all.value.find((i) => i.thread === 'msg-0001');
      expect(reply).toMatchObject({ text: 'in thread', mentions: [ANA] });
    });

    it('own edits apply at once and only to own messages', async () => {
      room.putLocal([stored(1, 'typo', ME, 'msg-0001'), stored(2, 'theirs', ANA, 'msg-0002')]);
      await timeline.start();
      await timeline.edit(timeline.items.value[0]!, 'fixed', 'Me');
      expect(texts(timeline)).toEqual(['fixed:sent', 'theirs:received']);
      expect(timeline.items.value[0]!.edited).toBe(true);
      await expect(timeline.edit(timeline.items.value[1]!, 'no', 'Me')).rejects.toThrow();
    });
  });
});
