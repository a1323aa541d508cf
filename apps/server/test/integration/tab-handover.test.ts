import { MemorySecretStore, MemoryStore, YamRooms } from '@yam/client';
import { createIdentity } from '@yam/crypto';
import type { ClientId, RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { TabRooms } from '../../../web/src/session/tab-rooms.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { text, untext, waitFor } from './sdk-harness.ts';

/*
 * The web app's tab sharing (apps/web/src/session/tab-rooms.ts) on Node's own Web Locks
 * and BroadcastChannel: two "tabs" in one process share one device's stores, as two tabs
 * share IndexedDB. The browser test (e2e/tests/tabs.spec.ts) covers the pages.
 */

let server: TestServer | undefined;
const tabs = new Set<TabRooms>();
const room = 'tab-room' as RoomId;

afterEach(async () => {
  for (const tab of tabs) await tab.close();
  tabs.clear();
  await server?.stop();
  server = undefined;
});

/** One device: its stores, and a WebSocket class that counts the sockets opened. */
function device(url: string) {
  const identity = createIdentity();
  const store = new MemoryStore();
  const secrets = new MemorySecretStore();
  const sockets = { opened: 0 };
  class CountedWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols);
      sockets.opened++;
    }
  }
  const tab = () => {
    const rooms = new TabRooms({
      server: url,
      clientId: identity.clientId as ClientId,
      make: () =>
        new YamRooms({
          server: url,
          identity,
          store,
          secrets,
          backoff: { minMs: 200, maxMs: 200 },
          keyPackageTarget: 2,
          WebSocket: CountedWebSocket,
        }),
    });
    tabs.add(rooms);
    return rooms;
  };
  return { tab, sockets, store };
}

describe('tabs sharing one connection', () => {
  it('a follower sends through the leader; a send in flight when the leader closes is stored once', async () => {
    server = await startTestServer();
    const me = device(server.url);
    const first = me.tab();
    await first.start();
    const second = me.tab();
    await second.start();
    expect(first.leads).toBe(true);
    expect(second.leads).toBe(false);

    expect(await second.enter(room)).toBe('created');
    await waitFor(
      () => second.status.state === 'online',
      'the leader online, as the follower sees it',
    );
    const one = await second.send(room, text('one'));
    await one.acked;
    expect(me.sockets.opened).toBe(1);

    // The leader's session closes while the follower's send may be on its way to it.
    const inFlight = second.send(room, text('two'));
    await first.close();
    const two = await inFlight;
    await two.acked;
    expect(second.leads).toBe(true);
    const three = await second.send(room, text('three'));
    await three.acked;
    expect(me.sockets.opened).toBe(2);

    // The server holds each message once, and the new leader reads its own group's log.
    const page = await second.history.page(room, { before: 1_000_000, limit: 50 });
    const bodies: string[] = [];
    for (const m of page.messages) {
      const opened = await second.open(m);
      if (opened?.body) bodies.push(untext(opened.body));
    }
    expect(bodies).toEqual(['one', 'two', 'three']);
  });

  it('a follower asks to join (told while it waits), is let in, and its messages reach the member', async () => {
    server = await startTestServer();
    const owner = new YamRooms({
      server: server.url,
      identity: createIdentity(),
      store: new MemoryStore(),
      secrets: new MemorySecretStore(),
      keyPackageTarget: 2,
    });
    const read: string[] = [];
    owner.on('message', (m) => m.body && read.push(untext(m.body)));
    owner.on('joinRequest', (r) => void owner.joins.accept(r.room, r.id));
    try {
      await owner.start();
      expect(await owner.enter(room)).toBe('created');
      const guest = device(server.url);
      const leader = guest.tab();
      await leader.start();
      const follower = guest.tab();
      await follower.start();
      let waited = false;
      const outcome = await follower.enter(room, {
        timeoutMs: 15_000,
        onWaiting: () => {
          waited = true;
        },
      });
      expect(outcome).toBe('joined');
      expect(waited).toBe(true);
      expect(await leader.membership(room)).toBe('member');
      await (await follower.send(room, text('hello from a follower'))).acked;
      await waitFor(() => read.includes('hello from a follower'), 'the member reading it');
      expect(guest.sockets.opened).toBe(1);
    } finally {
      await owner.close();
    }
  });
});
