import { createIdentity } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import { createAppState } from './app-state.ts';
import { defaultDisplayName } from './display-name.ts';
import type { ServerSession, SessionHooks } from './server-session.ts';
import {
  FakeAddressBar,
  FakeServer,
  MemoryRoomStorage,
  memorySettings,
} from './testing/fake-server.ts';

const HOME = 'https://yam.example/';

function setup() {
  const hooks = new Map<string, SessionHooks>();
  const app = createAppState(createIdentity(), {
    settings: memorySettings({ 'yam.displayName': 'Ana' }),
    addressBar: new FakeAddressBar(HOME),
    roomStorage: new MemoryRoomStorage(),
    activity: () => () => undefined,
    openSession: (server, _identity, sessionHooks) => {
      hooks.set(server, sessionHooks);
      return new FakeServer(server) as unknown as ServerSession;
    },
  });
  return { app, hooks };
}

describe('createAppState', () => {
  it('owns fresh state per call: nothing is shared between two app states', async () => {
    const one = setup().app;
    const two = setup().app;
    await one.rooms.add({ server: HOME, room: 'tea' as RoomId }, 'Tea');
    expect(two.rooms.entries.value).toEqual([]);
    expect(one.sessions).not.toBe(two.sessions);
    expect(one.own.displayName.value).toBe('Ana');
  });

  it('a DM someone opened with us is listed under their profile name, not opened', async () => {
    const { app, hooks } = setup();
    await app.start();
    const tea = await app.rooms.add({ server: HOME, room: 'tea' as RoomId }, 'Tea');
    hooks.get(HOME)!.onDm('dm-1' as RoomId, 'peer-client');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(app.rooms.entries.value.map((e) => e.name)).toEqual([
      defaultDisplayName('peer-client'),
      'Tea',
    ]);
    expect(app.rooms.current.value?.key).toBe(tea.key);
  });

  it('a DM this device opens is listed and shown', async () => {
    const { app } = setup();
    await app.start();
    await app.openDm(HOME, 'dm-2' as RoomId, 'Bo');
    expect(app.rooms.current.value?.name).toBe('Bo');
    expect(app.navigation.dialog.value).toBeUndefined();
  });
});
