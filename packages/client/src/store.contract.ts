import type { ClientId, ClientMsgId, RoomId, Seq } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientStore, OutboxItem, ReceivedMessage } from './types.ts';

/** How the contract gets a fresh, empty store, and how it disposes of one. */
export type StoreFactory = {
  make(): ClientStore | Promise<ClientStore>;
  close?(store: ClientStore): void | Promise<void>;
};

const roomA = 'room-a' as RoomId;
const roomB = 'room-b' as RoomId;
const alice = 'A'.repeat(43) as ClientId;

function message(room: RoomId, seq: number, byte = seq % 256): ReceivedMessage {
  return {
    room,
    seq: seq as Seq,
    from: alice,
    cmid: `cmid-${room}-${seq}` as ClientMsgId,
    ts: 1_700_000_000_000 + seq,
    payload: new Uint8Array([byte, 0, 255, byte]),
  };
}

function item(room: RoomId, n: number, queuedAt: number): OutboxItem {
  return {
    room,
    cmid: `outbox-item-${n}` as ClientMsgId,
    payload: new Uint8Array([n, 1, 2]),
    queuedAt,
  };
}

/**
 * The behaviour every ClientStore must have (MemoryStore, the web's IndexedDB store,
 * the CLI's SQLite store). Call it from a test file of the implementation:
 * `import { clientStoreContract } from '@yam/client/store-contract'`.
 *
 * - C-STORE1 getMessages returns ascending seqs: the newest `limit` (before `beforeSeq`, exclusive).
 * - C-STORE2 putMessages is idempotent by (room, seq).
 * - C-STORE3 every field and the payload bytes come back exactly.
 * - C-STORE4 rooms are independent.
 * - C-STORE5 a cursor is 0 until set, then the last value set.
 * - C-STORE6 the outbox is keyed by (room, cmid) and lists oldest first.
 */
export function clientStoreContract(name: string, factory: StoreFactory): void {
  describe(`ClientStore contract: ${name}`, () => {
    const open: ClientStore[] = [];
    const make = async () => {
      const store = await factory.make();
      open.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of open.splice(0)) await factory.close?.(store);
    });

    it('[C-STORE1] returns messages ascending by seq, newest page first when no beforeSeq', async () => {
      const store = await make();
      await store.putMessages([message(roomA, 3), message(roomA, 1), message(roomA, 2)]);
      await store.putMessages([message(roomA, 5), message(roomA, 4)]);
      const newest = await store.getMessages(roomA, { limit: 2 });
      expect(newest.map((m) => m.seq)).toEqual([4, 5]);
      const all = await store.getMessages(roomA, { limit: 100 });
      expect(all.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    });

    it('[C-STORE1] beforeSeq is exclusive and limit takes the newest before it', async () => {
      const store = await make();
      await store.putMessages([1, 2, 3, 4, 5, 6].map((s) => message(roomA, s)));
      const page = await store.getMessages(roomA, { beforeSeq: 5, limit: 3 });
      expect(page.map((m) => m.seq)).toEqual([2, 3, 4]);
      expect(await store.getMessages(roomA, { beforeSeq: 1, limit: 10 })).toEqual([]);
    });

    it('[C-STORE2] putMessages is idempotent by (room, seq)', async () => {
      const store = await make();
      await store.putMessages([message(roomA, 1), message(roomA, 2)]);
      await store.putMessages([message(roomA, 2), message(roomA, 1)]);
      await Promise.all([
        store.putMessages([message(roomA, 3)]),
        store.putMessages([message(roomA, 3)]),
      ]);
      const all = await store.getMessages(roomA, { limit: 100 });
      expect(all.map((m) => m.seq)).toEqual([1, 2, 3]);
    });

    it('[C-STORE3] keeps every field and the payload bytes exactly', async () => {
      const store = await make();
      const original = message(roomA, 7);
      original.payload = new Uint8Array(300).map((_, i) => (i * 7) % 256);
      await store.putMessages([original]);
      const [got] = await store.getMessages(roomA, { limit: 1 });
      expect(got).toBeDefined();
      expect(got!.room).toBe(original.room);
      expect(got!.seq).toBe(original.seq);
      expect(got!.from).toBe(original.from);
      expect(got!.cmid).toBe(original.cmid);
      expect(got!.ts).toBe(original.ts);
      expect(got!.payload).toBeInstanceOf(Uint8Array);
      expect([...got!.payload]).toEqual([...original.payload]);
    });

    it('[C-STORE4] keeps rooms apart (messages and cursors)', async () => {
      const store = await make();
      await store.putMessages([message(roomA, 1), message(roomB, 1, 99), message(roomB, 2)]);
      expect((await store.getMessages(roomA, { limit: 10 })).map((m) => m.seq)).toEqual([1]);
      const b = await store.getMessages(roomB, { limit: 10 });
      expect(b.map((m) => m.seq)).toEqual([1, 2]);
      expect(b[0]!.payload[0]).toBe(99);
      await store.setCursor(roomA, 10);
      expect(await store.getCursor(roomB)).toBe(0);
    });

    it('[C-STORE5] a cursor starts at 0 and keeps the last value set', async () => {
      const store = await make();
      expect(await store.getCursor(roomA)).toBe(0);
      await store.setCursor(roomA, 5);
      await store.setCursor(roomA, 42);
      expect(await store.getCursor(roomA)).toBe(42);
    });

    it('[C-STORE6] the outbox lists items oldest first and deletes by (room, cmid)', async () => {
      const store = await make();
      await store.outboxPut(item(roomA, 2, 2000));
      await store.outboxPut(item(roomB, 1, 1000));
      await store.outboxPut(item(roomA, 3, 3000));
      const listed = await store.outboxList();
      expect(listed.map((i) => i.cmid)).toEqual([
        'outbox-item-1',
        'outbox-item-2',
        'outbox-item-3',
      ]);
      expect([...listed[0]!.payload]).toEqual([1, 1, 2]);
      expect(listed[0]!.room).toBe(roomB);
      expect(listed[0]!.queuedAt).toBe(1000);
      // Same cmid in another room is another item.
      await store.outboxDelete(roomB, 'outbox-item-2' as ClientMsgId);
      expect(await store.outboxList()).toHaveLength(3);
      await store.outboxDelete(roomA, 'outbox-item-2' as ClientMsgId);
      await store.outboxDelete(roomA, 'never-there' as ClientMsgId);
      expect((await store.outboxList()).map((i) => i.cmid)).toEqual([
        'outbox-item-1',
        'outbox-item-3',
      ]);
    });

    it('[C-STORE6] putting the same outbox item twice keeps one', async () => {
      const store = await make();
      await store.outboxPut(item(roomA, 1, 1000));
      await store.outboxPut(item(roomA, 1, 1000));
      expect(await store.outboxList()).toHaveLength(1);
    });
  });
}
