import type { RoomId } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import { Navigation } from './navigation.ts';
import { newEntry } from './room-entry.ts';
import { RoomList } from './room-list.ts';
import { appServer } from './room-route.ts';
import { Sessions } from './sessions.ts';
import {
  FakeAddressBar,
  FakeServer,
  MemoryRoomStorage,
  memorySettings,
} from './testing/fake-server.ts';

const HOME = 'https://yam.example/';

/** A navigation over a room list that already holds `Tea` (opened at 5) and `Jam` (at 9). */
async function setup(url: string) {
  const storage = new MemoryRoomStorage();
  const tea = newEntry({ server: HOME, room: 'tea' as RoomId }, 'Tea', undefined, 5);
  const jam = newEntry({ server: HOME, room: 'jam' as RoomId }, 'Jam', undefined, 9);
  await storage.put(tea);
  await storage.put(jam);
  const sessions = new Sessions((server) => new FakeServer(server));
  const rooms = new RoomList('me', storage, sessions, memorySettings());
  const bar = new FakeAddressBar(url);
  const nav = new Navigation(rooms, bar, appServer(bar));
  await nav.start();
  return { nav, rooms, bar, tea, jam };
}

describe('Navigation', () => {
  it('reopens the last room on start and puts it in the address bar', async () => {
    const { nav, rooms, bar } = await setup(HOME);
    expect(nav.ready.value).toBe(true);
    expect(rooms.current.value?.name).toBe('Jam');
    expect(bar.writes).toEqual([
      `replace ?room=${encodeURIComponent(`${HOME}?room=jam`)}&name=Jam`,
    ]);
  });

  it('?home stays on the welcome screen', async () => {
    const { rooms } = await setup(`${HOME}?home`);
    expect(rooms.current.value).toBeUndefined();
  });

  it('opens a listed room named in the URL', async () => {
    const { rooms, nav } = await setup(`${HOME}?room=tea`);
    expect(rooms.current.value?.name).toBe('Tea');
    expect(nav.dialog.value).toBeUndefined();
  });

  it('an unlisted Room URL opens "Add room" pre-filled, keeping the invite fragment', async () => {
    const { nav, rooms } = await setup(`${HOME}?room=new#invite=abc&name=Book%20club`);
    expect(nav.dialog.value).toEqual({
      kind: 'add',
      url: `${HOME}?room=new&name=Book%20club`,
      name: 'Book club',
      invite: 'invite=abc&name=Book%20club',
    });
    // The last room shows under the dialog.
    expect(rooms.current.value?.name).toBe('Jam');
  });

  it('a damaged Room URL opens "Add room" with the problem said', async () => {
    const { nav } = await setup(`${HOME}?room=${encodeURIComponent('ftp://x.example/?room=a')}`);
    expect(nav.dialog.value).toMatchObject({ kind: 'add', error: expect.stringMatching(/https/) });
  });

  it('opens rooms, goes home, and after a removal shows the most recent room left', async () => {
    const { nav, rooms, bar, tea, jam } = await setup(HOME);
    nav.showRoom(tea.key);
    expect(rooms.current.value?.key).toBe(tea.key);
    expect(bar.writes.at(-1)).toMatch(/^push \?room=.*tea&name=Tea$/);
    nav.goHome();
    expect(rooms.current.value).toBeUndefined();
    expect(bar.writes.at(-1)).toBe('push ?home');
    nav.showRoom(jam.key);
    await rooms.remove(jam.key);
    nav.showNextRoom();
    expect(rooms.current.value?.key).toBe(tea.key);
    expect(bar.writes.at(-1)).toMatch(/^replace \?room=.*tea&name=Tea$/);
  });

  it('follows the back button', async () => {
    const { nav, rooms, bar, tea } = await setup(HOME);
    nav.showRoom(tea.key);
    bar.back(`?room=jam`);
    expect(rooms.current.value?.name).toBe('Jam');
    bar.back('?home');
    expect(rooms.current.value).toBeUndefined();
  });
});
