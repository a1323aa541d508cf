import type { RoomId } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import { RoomList } from './room-list.ts';
import { Sessions } from './sessions.ts';
import { FakeServer, MemoryRoomStorage, memorySettings, message } from './testing/fake-server.ts';

const A = 'https://a.example/';
const B = 'https://b.example/';
const id = (room: string) => room as RoomId;

function setup(settings = memorySettings()) {
  const servers = new Map<string, FakeServer>();
  const sessions = new Sessions((server) => {
    const fake = new FakeServer(server);
    servers.set(new URL(server).origin, fake);
    return fake;
  });
  const storage = new MemoryRoomStorage();
  const rooms = new RoomList('me', storage, sessions, settings);
  const server = (url: string) => servers.get(new URL(url).origin)!;
  return { rooms, storage, sessions, server };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RoomList', () => {
  it('adds a room: stored, sorted by name, opened, and joined on its server', async () => {
    const { rooms, storage, server } = setup();
    await rooms.add({ server: A, room: id('tea') }, 'Tea');
    const coffee = await rooms.add({ server: B, room: id('coffee') }, 'Coffee', { invite: 'k' });
    await flush();
    expect(rooms.entries.value.map((e) => e.name)).toEqual(['Coffee', 'Tea']);
    expect(rooms.current.value?.key).toBe(coffee.key);
    expect(storage.rooms.get(coffee.key)?.invite).toBe('k');
    expect(server(A).joined).toEqual(['tea']);
    expect(server(B).joined).toEqual(['coffee']);
    // Adding it again finds it rather than listing it twice.
    expect((await rooms.add({ server: B, room: id('coffee') }, 'Again')).name).toBe('Coffee');
    expect(rooms.entries.value).toHaveLength(2);
  });

  it('renames a room, keeps the list sorted and writes it through', async () => {
    const { rooms, storage } = setup();
    const tea = await rooms.add({ server: A, room: id('tea') }, 'Tea');
    await rooms.add({ server: A, room: id('zen') }, 'Zen');
    await rooms.rename(tea.key, 'Zz tea');
    expect(rooms.entries.value.map((e) => e.name)).toEqual(['Zen', 'Zz tea']);
    expect(storage.rooms.get(tea.key)?.name).toBe('Zz tea');
  });

  it('removes a room: leaves it, forgets it, and closes a server no room needs', async () => {
    const { rooms, storage, sessions, server } = setup();
    const tea = await rooms.add({ server: A, room: id('tea') }, 'Tea');
    const cake = await rooms.add({ server: B, room: id('cake') }, 'Cake');
    await rooms.add({ server: A, room: id('jam') }, 'Jam');
    const b = server(B);
    await rooms.remove(cake.key);
    expect(b.left).toEqual(['cake']);
    expect(b.closed).toBe(true);
    expect(sessions.existing(B)).toBeUndefined();
    expect(storage.rooms.has(cake.key)).toBe(false);
    expect(rooms.currentKey.value).not.toBe(cake.key);
    // A still has "Jam": its session stays.
    await rooms.remove(tea.key);
    expect(server(A).closed).toBe(false);
    expect(rooms.entries.value.map((e) => e.name)).toEqual(['Jam']);
  });

  it('lists a DM someone else opened without opening it; our own DM opens', async () => {
    const { rooms } = setup();
    const tea = await rooms.add({ server: A, room: id('tea') }, 'Tea');
    await rooms.listDm(A, id('dm-1'), 'Ana');
    expect(rooms.entries.value.map((e) => e.name)).toEqual(['Ana', 'Tea']);
    expect(rooms.current.value?.key).toBe(tea.key);
    // Listed once, even when the Welcome comes again.
    await rooms.listDm(A, id('dm-1'), 'Ana again');
    expect(rooms.entries.value).toHaveLength(2);
  });

  it('counts unread messages from others in rooms not open, once each, and clears on open', async () => {
    const { rooms, server } = setup();
    const tea = await rooms.add({ server: A, room: id('tea') }, 'Tea');
    const jam = await rooms.add({ server: A, room: id('jam') }, 'Jam');
    await flush();
    const a = server(A);
    a.receive(message('tea', 1));
    a.receive(message('tea', 1));
    a.receive(message('tea', 2, 'me'));
    a.receive(message('jam', 1));
    expect(rooms.unread.value.get(tea.key)).toBe(1);
    expect(rooms.unread.value.has(jam.key)).toBe(false);
    rooms.open(tea.key);
    expect(rooms.unread.value.has(tea.key)).toBe(false);
    expect(rooms.current.value?.readSeq).toBe(1);
  });

  it('remembers the read mark a room had when opened: the unread divider goes after it', async () => {
    const { rooms, server } = setup();
    const tea = await rooms.add({ server: A, room: id('tea') }, 'Tea');
    // Just added: nothing was read here, so no divider.
    expect(rooms.readAtOpen(tea.key)).toBeUndefined();
    await flush();
    const a = server(A);
    a.receive(message('tea', 1));
    const jam = await rooms.add({ server: A, room: id('jam') }, 'Jam');
    a.receive(message('tea', 2));
    a.receive(message('tea', 3));
    rooms.open(tea.key);
    expect(rooms.readAtOpen(tea.key)).toBe(1);
    // Reading on moves the mark, but the divider keeps its place until the next open.
    a.receive(message('tea', 4));
    expect(rooms.readAtOpen(tea.key)).toBe(1);
    rooms.open(jam.key);
    rooms.open(tea.key);
    expect(rooms.readAtOpen(tea.key)).toBe(4);
  });

  it('counts only application messages: commits and control messages are not unread', async () => {
    const { rooms, server } = setup();
    const tea = await rooms.add({ server: A, room: id('tea') }, 'Tea');
    await rooms.add({ server: A, room: id('jam') }, 'Jam');
    await flush();
    const a = server(A);
    a.receive(message('tea', 1, 'other', 'c1', 'commit'));
    // Whatever its cmid looks like, the kind decides.
    a.receive(message('tea', 2, 'other', 'm2', 'control'));
    expect(rooms.unread.value.has(tea.key)).toBe(false);
    a.receive(message('tea', 3, 'other', 'ctl-3'));
    expect(rooms.unread.value.get(tea.key)).toBe(1);
  });

  it('does not count messages that show no bubble (edits, deletes, reactions, thread replies)', async () => {
    const { rooms, server } = setup();
    const tea = await rooms.add({ server: A, room: id('tea') }, 'Tea');
    await rooms.add({ server: A, room: id('jam') }, 'Jam');
    await flush();
    const a = server(A);
    a.receive(message('tea', 1));
    a.receive(message('tea', 2));
    expect(rooms.unread.value.get(tea.key)).toBe(2);
    // Known once opened: before or after the raw message was counted.
    rooms.notUnread(A, id('tea'), 2);
    rooms.notUnread(A, id('tea'), 3);
    a.receive(message('tea', 3));
    expect(rooms.unread.value.get(tea.key)).toBe(1);
  });

  it('holds a new room’s password in memory until the room view takes it', async () => {
    const { rooms, storage } = setup();
    const room = await rooms.add({ server: A, room: id('new') }, 'New', { password: 'pw' });
    expect(JSON.stringify([...storage.rooms.values()])).not.toContain('pw');
    expect(rooms.takePassword(room.key)).toBe('pw');
    expect(rooms.takePassword(room.key)).toBeUndefined();
  });

  it('loads the stored list and migrates the old "last room" setting', async () => {
    const settings = memorySettings({ 'yam.lastRoom': `${A}?room=old&name=Old` });
    const { rooms, server } = setup(settings);
    await rooms.load();
    expect(rooms.lastOpened()?.name).toBe('Old');
    expect(settings.read('yam.lastRoom')).toBeUndefined();
    await flush();
    expect(server(A).joined).toEqual(['old']);
  });
});
