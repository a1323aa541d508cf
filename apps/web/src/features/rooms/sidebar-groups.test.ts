import type { RoomId } from '@yam/protocol';
import { describe, expect, it } from 'vitest';
import { newEntry } from '../../session/room-entry.ts';
import { sidebarGroups } from './sidebar-groups.ts';

const entry = (server: string, room: string, name: string) =>
  newEntry({ server, room: room as RoomId }, name, undefined, 0);

describe('sidebar groups', () => {
  it('groups rooms by server host and puts DMs apart, last', () => {
    const dm = `dm-${'a'.repeat(32)}`;
    const groups = sidebarGroups([
      entry('https://one.example/', 'tea', 'Tea'),
      entry('https://one.example/', dm, 'Bo'),
      entry('https://two.example:8443/', 'hike', 'Hike'),
      entry('https://one.example/', 'book', 'Book club'),
    ]);
    expect(groups.map((g) => g.label)).toEqual([
      'one.example',
      'two.example:8443',
      'Direct messages',
    ]);
    expect(groups[0]!.entries.map((e) => e.name)).toEqual(['Tea', 'Book club']);
    expect(groups[2]!.entries.map((e) => e.name)).toEqual(['Bo']);
  });

  it('has no DM section without DMs', () => {
    expect(sidebarGroups([entry('https://one.example/', 'tea', 'Tea')])).toHaveLength(1);
    expect(sidebarGroups([])).toEqual([]);
  });
});
