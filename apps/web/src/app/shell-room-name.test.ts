import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IdbRoomList } from '../platform/idb/idb-room-list.ts';
import type { RoomEntry } from '../session/room-entry.ts';
import { shellRoomName } from './shell-room-name.ts';

const entry = (room: string, name: string, openedAt: number): RoomEntry =>
  ({
    key: `https://yam.example/?room=${room}`,
    server: 'https://yam.example/',
    room,
    name,
    addedAt: 1,
    openedAt,
    readSeq: 0,
  }) as RoomEntry;

describe('shellRoomName', () => {
  it('names the room the address asks for, else the one opened last, else none', async () => {
    expect(await shellRoomName('')).toBeUndefined();
    const list = new IdbRoomList<RoomEntry>();
    await list.put(entry('aaaa', 'Older', 10));
    await list.put(entry('bbbb', 'Newer', 20));
    await list.close();
    expect(await shellRoomName('')).toBe('Newer');
    const url = encodeURIComponent('https://yam.example/?room=aaaa');
    expect(await shellRoomName(`?room=${url}&name=Older`)).toBe('Older');
    expect(await shellRoomName('?room=aaaa')).toBe('Older');
    // A room the list does not know opens "Add room": the shell names no room.
    expect(await shellRoomName('?room=cccc')).toBeUndefined();
  });
});
