import type { RoomId } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import type { PresenceSource } from '../../session/room-ports.ts';
import { removeErrorText } from './remove-confirm.tsx';
import { RoomPresence } from './room-presence.ts';

type Listeners = { presence: ((p: { clientId: string; state: 'online' | 'offline' }) => void)[] };

/** The room's presence and MLS roster, played by the test. */
function fakeRoom(online: string[], roster: string[]) {
  const l: Listeners = { presence: [] };
  const rosterListeners: (() => void)[] = [];
  const state = { online, roster };
  const none = () => () => {};
  const source: PresenceSource = {
    room: 'r' as RoomId,
    me: 'me',
    members: () => state.online,
    roster: async () => state.roster,
    onRosterChange: (fn) => {
      rosterListeners.push(fn);
      return () => {};
    },
    onPresence: (fn) => {
      l.presence.push(fn);
      return () => {};
    },
    onActivity: none,
    onTyping: none,
    onReceived: none,
    onSynced: none,
    onConnection: none,
    setTyping: () => {},
    setAway: () => {},
    meet: () => {},
  };
  const epoch = (members: string[]) => {
    state.roster = members;
    for (const fn of rosterListeners) fn();
  };
  return { source, epoch, l };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the member list is the MLS roster, with presence', () => {
  it('lists members (online or not) and never a client that is merely connected', async () => {
    const room = fakeRoom(['me', 'alice', 'guest'], ['me', 'alice', 'bob']);
    const presence = new RoomPresence(room.source);
    await tick();
    expect([...presence.members.value]).toEqual([
      ['alice', 'online'],
      ['bob', 'offline'],
    ]);
    for (const fn of room.l.presence) fn({ clientId: 'bob', state: 'online' });
    expect(presence.members.value.get('bob')).toBe('online');
    presence.dispose();
  });

  it('a removed member leaves the list at the next epoch, though still connected', async () => {
    const room = fakeRoom(['me', 'alice', 'bob'], ['me', 'alice', 'bob']);
    const presence = new RoomPresence(room.source);
    await tick();
    expect(presence.members.value.has('bob')).toBe(true);
    room.epoch(['me', 'alice']);
    await tick();
    expect([...presence.members.value.keys()]).toEqual(['alice']);
    presence.dispose();
  });
});

describe('removing a member: the error in words', () => {
  it('says who, and why, and never shows an ID', () => {
    const id = 'x'.repeat(43);
    const notMember = Object.assign(new Error(`${id} is not a member`), { code: 'NOT_MEMBER' });
    expect(removeErrorText('Carol', notMember)).toBe(
      'Could not remove Carol: they are not a member any more.',
    );
    expect(removeErrorText('Carol', { code: 'NOT_ALLOWED' })).toBe(
      'Could not remove Carol: only the owner and admins can remove people from this room.',
    );
    expect(removeErrorText('Carol', new Error(id))).not.toContain(id);
  });
});
