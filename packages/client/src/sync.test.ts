import type { ClientId, ClientMsgId, RoomId, Seq } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.ts';
import { type FetchPage, RoomSync } from './sync.ts';
import type { ReceivedMessage } from './types.ts';

const room = 'r' as RoomId;
const msg = (seq: number): ReceivedMessage => ({
  room,
  seq: seq as Seq,
  from: 'A'.repeat(43) as ClientId,
  cmid: `cmid-${seq}-xx` as ClientMsgId,
  ts: seq,
  payload: new Uint8Array([seq]),
});
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** A server-side room with `head` messages, answering history queries like the protocol says. */
function serverRoom(head: () => number, pageSize = 3): { fetch: FetchPage; queries: unknown[] } {
  const queries: unknown[] = [];
  const fetch: FetchPage = async (q) => {
    queries.push(q);
    const all = range(1, head()).map(msg);
    if (q.after === undefined)
      return { messages: all.slice(-pageSize), hasMore: all.length > pageSize };
    const after = all.filter((m) => m.seq > q.after!);
    return { messages: after.slice(0, pageSize), hasMore: after.length > pageSize };
  };
  return { fetch, queries };
}

function setup(store = new MemoryStore()) {
  const delivered: number[] = [];
  const synced: number[] = [];
  const sync = new RoomSync(room, store, {
    deliver: (ms) => delivered.push(...ms.map((m) => m.seq)),
    synced: (c) => synced.push(c),
    failed: (e) => {
      throw e;
    },
  });
  return { sync, delivered, synced, store };
}

describe('RoomSync', () => {
  it('[P-HIST1] [P-HIST3] a room new to this client delivers only the newest 50, in as many pages as it takes, then live messages', async () => {
    const { sync, delivered, synced, store } = setup();
    // Small byte-capped pages of 3: the newest 50 take 17 of them.
    const { fetch, queries } = serverRoom(() => 60);
    await sync.catchUp(60, fetch);
    expect(queries[0]).toEqual({ after: 10 });
    expect(queries).toHaveLength(17);
    expect(delivered).toEqual(range(11, 60));
    expect(synced).toEqual([60]);
    expect(await store.getCursor(room)).toBe(60);
    sync.live(msg(61));
    await sync.idle();
    expect(delivered).toEqual([...range(11, 60), 61]);
  });

  it('[P-HIST1] a new room shorter than a page is delivered whole', async () => {
    const { sync, delivered } = setup();
    const { fetch } = serverRoom(() => 10);
    await sync.catchUp(10, fetch);
    expect(delivered).toEqual(range(1, 10));
  });

  it('[P-SEQ1] pages after the stored cursor until caught up, each seq once, in order', async () => {
    const store = new MemoryStore();
    await store.setCursor(room, 2);
    const { sync, delivered } = setup(store);
    const { fetch, queries } = serverRoom(() => 9);
    // Live messages that overtake the catch-up are held, not delivered early or twice.
    sync.live(msg(9));
    sync.live(msg(4));
    await sync.catchUp(9, fetch);
    sync.live(msg(5));
    await sync.idle();
    expect(delivered).toEqual(range(3, 9));
    expect(queries[0]).toEqual({ after: 2 });
    expect((await store.getMessages(room, { limit: 100 })).map((m) => m.seq)).toEqual(range(3, 9));
  });

  it('[P-SEQ1] a live message after a gap triggers a fetch of what is missing', async () => {
    const { sync, delivered } = setup();
    let head = 0;
    const { fetch } = serverRoom(() => head);
    await sync.catchUp(0, fetch);
    head = 5;
    sync.live(msg(1));
    sync.live(msg(5)); // 2..4 were lost on the way
    await sync.idle();
    await sync.idle();
    expect(delivered).toEqual(range(1, 5));
  });

  it('stops instead of spinning when the server lacks the messages it announced', async () => {
    const store = new MemoryStore();
    await store.setCursor(room, 3);
    const { sync, delivered, synced } = setup(store);
    await sync.catchUp(10, async () => ({ messages: [], hasMore: false }));
    expect(delivered).toEqual([]);
    expect(synced).toEqual([3]);
  });
});
