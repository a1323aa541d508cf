import 'fake-indexeddb/auto';
import type { RoomId } from '@yam/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateLastRoom } from '../../features/rooms/last-room.ts';
import { lastOpened, newEntry, roomUrlOf } from '../../features/rooms/room-entry.ts';
import { IdbRoomList } from './idb-room-list.ts';

let n = 0;

describe('IdbRoomList', () => {
  let list: IdbRoomList;
  beforeEach(() => {
    list = new IdbRoomList(`rooms-test-${++n}`);
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
    const first = new IdbRoomList(name);
    await first.put(
      newEntry({ server: 'https://a.example/', room: 'r' as RoomId }, 'R', undefined),
    );
    await first.close();
    const second = new IdbRoomList(name);
    expect((await second.list()).map((e) => e.name)).toEqual(['R']);
    await second.close();
  });
});

describe('room entries', () => {
  it('[P-URL1] the Room URL to share carries the name', () => {
    const e = newEntry(
      { server: 'https://a.example/', room: 'r' as RoomId },
      'Tea & cake',
      undefined,
    );
    expect(roomUrlOf(e)).toBe('https://a.example/?room=r&name=Tea%20%26%20cake');
    expect(roomUrlOf({ ...e, name: 'Tea' })).toBe('https://a.example/?room=r&name=Tea');
  });

  it('the most recently opened room reopens', () => {
    const server = 'https://a.example/';
    const old = newEntry({ server, room: 'old' as RoomId }, 'Old', undefined, 1);
    const recent = newEntry({ server, room: 'new' as RoomId }, 'New', undefined, 5);
    expect(lastOpened([recent, old])?.name).toBe('New');
    expect(lastOpened([])).toBeUndefined();
  });
});

describe('migrateLastRoom', () => {
  const store = new Map<string, string>();
  beforeEach(() => {
    store.clear();
    globalThis.localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    } as Storage;
  });

  it('turns the old localStorage last room into an entry and forgets the setting', () => {
    store.set('yam.lastRoom', 'http://h.example/?room=tea&name=Tea%20room');
    const entry = migrateLastRoom(42);
    expect(entry).toMatchObject({
      key: 'http://h.example/?room=tea',
      name: 'Tea room',
      openedAt: 42,
    });
    expect(store.has('yam.lastRoom')).toBe(false);
    expect(migrateLastRoom()).toBeUndefined();
  });

  it('names an unnamed room by its ID and drops an unparseable value', () => {
    store.set('yam.lastRoom', 'http://h.example/?room=abcdefghijklmnopqrstuv');
    expect(migrateLastRoom()?.name).toBe('Room abcdefgh…');
    store.set('yam.lastRoom', 'garbage');
    expect(migrateLastRoom()).toBeUndefined();
    expect(store.has('yam.lastRoom')).toBe(false);
  });
});
