import { useEffect, useState } from 'preact/hooks';
import { useAppState } from '../../../session/app-state-context.ts';
import { defaultDisplayName } from '../../../session/display-name.ts';
import type { PresenceSource } from '../../../session/room-ports.ts';
import type { RoomTimeline } from '../room-timeline.ts';
import type { Mentionable } from './mention-text.ts';

/**
 * The room's members as `@` can mention them: the MLS roster (re-read on every epoch),
 * named by their profile, else the name they last sent, else the default name. `name(ids)`
 * names any client IDs the same way (a message's mentions), with `me` as your own name.
 */
export function useRoomMembers(
  room: Pick<PresenceSource, 'roster' | 'onRosterChange' | 'me'>,
  timeline: RoomTimeline,
): { others: Mentionable[]; name(ids: readonly string[]): Mentionable[] } {
  const { profiles, own } = useAppState();
  const [roster, setRoster] = useState<readonly string[]>([]);
  useEffect(() => {
    let live = true;
    const read = () =>
      void room.roster().then((ids) => {
        if (live) setRoster(ids);
      });
    read();
    const off = room.onRosterChange(read);
    return () => {
      live = false;
      off();
    };
  }, [room]);
  void profiles.profiles.value; // read so that a profile change re-renders
  // The name someone last sent, read without subscribing (the view need not re-render
  // for every message just for this).
  const sentName = (id: string) =>
    timeline.items.peek().findLast((i) => i.from === id && !i.membership)?.name;
  const nameOf = (id: string) =>
    id === room.me
      ? own.displayName.value
      : profiles.nameOf(id, sentName(id) ?? defaultDisplayName(id));
  return {
    others: roster.filter((id) => id !== room.me).map((id) => ({ id, name: nameOf(id) })),
    name: (ids) => ids.map((id) => ({ id, name: nameOf(id) })),
  };
}
