/**
 * Direct-message rooms [P-MEM5]. A DM room's ID is
 * `dm-` + base64url(SHA-256(UTF-8 of `DM_ROOM_LABEL + "\n" + lower + "\n" + higher`))
 * cut to 32 characters, where lower/higher are the two client IDs sorted. Both people
 * derive it, and the server checks it, so only those two can claim or join the room.
 */
export const DM_ROOM_LABEL = 'yam-dm-v1';

/** The shape of a DM room ID. */
export const DM_ROOM_ID = /^dm-[A-Za-z0-9_-]{32}$/;

/** Whether a room ID has the shape of a DM room. */
export function isDmRoom(room: string): boolean {
  return DM_ROOM_ID.test(room);
}

/** The bytes hashed for the DM room of two clients (in either order). */
export function dmRoomPreimage(a: string, b: string): Uint8Array {
  const [first, second] = [a, b].sort();
  return new TextEncoder().encode(`${DM_ROOM_LABEL}\n${first}\n${second}`);
}
