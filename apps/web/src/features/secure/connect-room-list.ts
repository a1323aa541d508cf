import { showRoom } from '../../app/navigation.ts';
import type { RoomList } from '../rooms/room-list.ts';
import { setRoomListHooks } from './dm-rooms.ts';

/** Lets the secure layer add DM rooms to the room list (and open the ones we start). */
export function connectRoomList(rooms: RoomList): void {
  setRoomListHooks({
    async open(server, room, name) {
      const entry = rooms.find(server, room) ?? (await rooms.add({ server, room }, name));
      showRoom(rooms, entry.key);
    },
    async listed(server, room, name) {
      if (!rooms.find(server, room)) await rooms.add({ server, room }, name, undefined, false);
    },
  });
}
