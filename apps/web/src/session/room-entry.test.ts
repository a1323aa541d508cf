import type { RoomId } from '@yam/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrateLastRoom } from './last-room.ts';
import { lastOpened, newEntry, roomUrlOf } from './room-entry.ts';

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
  const settings = {
    read: (k: string) => store.get(k),
    write: (k: string, v: string | undefined) =>
      void (v === undefined ? store.delete(k) : store.set(k, v)),
  };
  beforeEach(() => store.clear());

  it('turns the old localStorage last room into an entry and forgets the setting', () => {
    store.set('yam.lastRoom', 'http://h.example/?room=tea&name=Tea%20room');
    const entry = migrateLastRoom(settings, 42);
    expect(entry).toMatchObject({
      key: 'http://h.example/?room=tea',
      name: 'Tea room',
      openedAt: 42,
    });
    expect(store.has('yam.lastRoom')).toBe(false);
    expect(migrateLastRoom(settings)).toBeUndefined();
  });

  it('names an unnamed room by its ID and drops an unparseable value', () => {
    store.set('yam.lastRoom', 'http://h.example/?room=abcdefghijklmnopqrstuv');
    expect(migrateLastRoom(settings)?.name).toBe('Room abcdefgh…');
    store.set('yam.lastRoom', 'garbage');
    expect(migrateLastRoom(settings)).toBeUndefined();
    expect(store.has('yam.lastRoom')).toBe(false);
  });
});
