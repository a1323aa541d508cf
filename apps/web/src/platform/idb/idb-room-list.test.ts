import 'fake-indexeddb/auto';
import type { RoomId } from '@yam/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newEntry, type RoomEntry } from '../../session/room-entry.ts';
import { IdbRoomList } from './idb-room-list.ts';

let n = 0;

describe('IdbRoomList', () => {
  let list: IdbRoomList<RoomEntry>;
  beforeEach(() => {
    list = new IdbRoomList<RoomEntry>(`rooms-test-${++n}`);
  });
  afterEach(() => list.close());

  it('keeps rooms of many servers, keyed by Room URL without the name', async () => {
    const a = newEntry(
      { server: 'https://a.example/', room: 'tea' as RoomId },
      'Tea',
      undefined,
      1,
    );
    const b = newEntry({ server: 'https://b.example/', room: 'tea' as RoomId }, 'Tea too', 'k', 2);
    await list.put(a);
    await list.put(b);
    expect(a.key).toBe('https://a.example/?room=tea');
    expect((await list.list()).map((e) => e.key).sort()).toEqual([a.key, b.key]);
    expect((await list.list()).find((e) => e.key === b.key)?.invite).toBe('k');

    await list.put({ ...a, name: 'Renamed' });
    expect((await list.list()).find((e) => e.key === a.key)?.name).toBe('Renamed');
    await list.delete(a.key);
    expect((await list.list()).map((e) => e.key)).toEqual([b.key]);
  });

  it('survives reopening the database', async () => {
    const name = `rooms-test-${++n}`;
    const first = new IdbRoomList<RoomEntry>(name);
    await first.put(
      newEntry({ server: 'https://a.example/', room: 'r' as RoomId }, 'R', undefined),
    );
    await first.close();
    const second = new IdbRoomList<RoomEntry>(name);
    expect((await second.list()).map((e) => e.name)).toEqual(['R']);
    await second.close();
  });
});
