import { signal } from '@preact/signals';
import { encodeContent, type OpenedMessage, type RawMessage } from '@yam/client';
import type { ClientId, ClientMsgId, RoomId } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import { inlineSearch } from '../platform/search/search-client.ts';
import { newEntry, type RoomEntry } from './room-entry.ts';
import { type FeedSession, SearchFeed } from './search-feed.ts';

const SERVER = 'https://chat.example.org';
const ROOM = 'weekend' as RoomId;
const ALICE = 'a'.repeat(43);
const MALLORY = 'm'.repeat(43);
const cmid = (seq: number) => `cmid-${String(seq).padStart(4, '0')}`;

function text(seq: number, words: string): OpenedMessage {
  return {
    room: ROOM,
    seq,
    from: ALICE as ClientId,
    cmid: cmid(seq) as ClientMsgId,
    ts: seq,
    body: encodeContent({ type: 'text', text: words, name: 'Alice', sentAt: seq }),
  };
}

/** A session whose store holds `stored`; `emit` plays a live message. */
function fakeSession(stored: OpenedMessage[]) {
  const listeners: ((m: OpenedMessage) => void)[] = [];
  const session: FeedSession = {
    server: SERVER,
    rooms: {
      on: ((event: string, listener: (m: OpenedMessage) => void) => {
        if (event === 'message') listeners.push(listener);
        // acks and synced: not played in this test
        return () => undefined;
      }) as FeedSession['rooms']['on'],
      open: async (raw) => stored.find((m) => m.seq === raw.seq),
      history: {
        stored: async (_room, { before, limit }) =>
          stored
            .filter((m) => before === undefined || m.seq < before)
            .slice(-limit)
            .map((m) => ({ ...m, payload: new Uint8Array(), kind: 'message' }) as RawMessage),
      },
    },
  };
  return {
    session,
    emit: (m: OpenedMessage) => {
      for (const l of listeners) l(m);
    },
  };
}

function change(
  seq: number,
  from: string,
  content: Parameters<typeof encodeContent>[0],
): OpenedMessage {
  return {
    room: ROOM,
    seq,
    from: from as ClientId,
    cmid: cmid(seq) as ClientMsgId,
    ts: seq,
    body: encodeContent(content),
  };
}

describe('SearchFeed', () => {
  it("applies its author's edit and delete, never a stranger's", async () => {
    const { session, emit } = fakeSession([text(1, 'meet at the old bridge')]);
    const search = inlineSearch();
    const entries = signal<readonly RoomEntry[]>([
      newEntry({ server: SERVER, room: ROOM }, 'W', undefined),
    ]);
    const feed = new SearchFeed(search, () => session);
    feed.follow(entries);
    await feed.idle();
    const tick = () => new Promise((r) => setTimeout(r, 0));
    emit(change(2, MALLORY, { type: 'edit', to: cmid(1), text: 'meet at the trap', sentAt: 2 }));
    emit(change(3, MALLORY, { type: 'delete', to: cmid(1), author: ALICE, sentAt: 3 }));
    await tick();
    expect((await search.search({ text: 'bridge' })).map((h) => h.seq)).toEqual([1]);
    expect(await search.search({ text: 'trap' })).toEqual([]);
    emit(
      change(4, ALICE, { type: 'edit', to: cmid(1), text: 'meet at the new bridge', sentAt: 4 }),
    );
    await tick();
    expect((await search.search({ text: 'new bridge' }))[0]?.text).toBe('meet at the new bridge');
    emit(change(5, ALICE, { type: 'delete', to: cmid(1), author: ALICE, sentAt: 5 }));
    await tick();
    expect(await search.search({ text: 'bridge' })).toEqual([]);
    feed.close();
  });

  it('indexes stored history once, then live messages, and forgets a removed room', async () => {
    const stored = Array.from({ length: 450 }, (_, i) => text(i + 1, `note number ${i + 1}`));
    stored.push(text(451, 'the picnic moved to Sunday'));
    const { session, emit } = fakeSession(stored);
    const search = inlineSearch();
    const entries = signal<readonly RoomEntry[]>([
      newEntry({ server: SERVER, room: ROOM }, 'W', undefined),
    ]);
    const feed = new SearchFeed(search, () => session);
    feed.follow(entries);
    await feed.idle();
    const key = entries.value[0]?.key ?? '';
    expect((await search.search({ text: 'picnic' })).map((h) => h.seq)).toEqual([451]);
    // The oldest page too: all 451 stored messages were read.
    expect((await search.search({ text: 'number 1', limit: 1000 })).some((h) => h.seq === 1)).toBe(
      true,
    );
    expect(await search.marks()).toEqual({ [key]: 451 });

    emit(text(452, 'bring a blanket'));
    await new Promise((r) => setTimeout(r, 0));
    const hit = (await search.search({ text: 'blanket' }))[0];
    expect(hit).toMatchObject({ room: key, key: `${ALICE}:${cmid(452)}`, name: 'Alice', seq: 452 });

    entries.value = [];
    await new Promise((r) => setTimeout(r, 0));
    expect(await search.search({ text: 'picnic' })).toEqual([]);
    feed.close();
  });
});
