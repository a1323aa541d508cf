import { DM_ROOM_ID } from '@yam/protocol';
import type { RoomEntry } from '../../session/room-entry.ts';

/** One heading of the room sidebar and its rooms. */
export type SidebarGroup = { key: string; label: string; entries: readonly RoomEntry[] };

/**
 * The sidebar's sections: rooms grouped by server (by host, in the list's order), and
 * direct messages apart under "Direct messages" at the end.
 */
export function sidebarGroups(entries: readonly RoomEntry[]): SidebarGroup[] {
  const byServer = new Map<string, RoomEntry[]>();
  const dms: RoomEntry[] = [];
  for (const entry of entries) {
    if (DM_ROOM_ID.test(entry.room)) {
      dms.push(entry);
      continue;
    }
    const list = byServer.get(entry.server) ?? [];
    list.push(entry);
    byServer.set(entry.server, list);
  }
  const groups: SidebarGroup[] = [...byServer].map(([server, list]) => ({
    key: server,
    label: hostOf(server),
    entries: list,
  }));
  if (dms.length > 0) groups.push({ key: 'dm', label: 'Direct messages', entries: dms });
  return groups;
}

function hostOf(server: string): string {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
}
