import type { ClientId, RoomId } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import { Emitter } from '../../src/emitter.ts';
import { MemberRoster, type RosterSource } from '../../src/p2p/member-roster.ts';

const room = 'room-1' as RoomId;
type Events = { epoch: { room: RoomId }; removed: { room: RoomId }; roomJoined: { room: RoomId } };

function source(initial: string[]) {
  const events = new Emitter<Events>();
  let members = initial as ClientId[];
  const s: RosterSource & { events: Emitter<Events>; set(m: string[]): void } = {
    members: async () => members,
    on: (event, fn) => events.on(event, fn),
    events,
    set: (m) => {
      members = m as ClientId[];
    },
  };
  return s;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('MemberRoster: the MLS roster for P2P [P-P2P1]', () => {
  it('is empty until read, then follows every epoch change of its room', async () => {
    const s = source(['a', 'b']);
    const roster = new MemberRoster(s, room);
    expect(roster.has('a' as ClientId)).toBe(false);
    await roster.ready();
    expect(roster.has('a' as ClientId)).toBe(true);
    let changes = 0;
    roster.onChange(() => changes++);
    s.set(['a']);
    s.events.emit('epoch', { room: 'other' as RoomId });
    await tick();
    expect(roster.has('b' as ClientId)).toBe(true);
    s.events.emit('epoch', { room });
    await tick();
    expect(roster.has('b' as ClientId)).toBe(false);
    expect(changes).toBe(1);
    roster.close();
  });

  it('is emptied when this device is removed', async () => {
    const s = source(['a', 'b']);
    const roster = new MemberRoster(s, room);
    await roster.ready();
    s.events.emit('removed', { room });
    expect(roster.list()).toEqual([]);
    roster.close();
  });
});
