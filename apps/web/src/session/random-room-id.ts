import { type RoomId, toBase64Url } from '@yam/protocol';

/** A fresh room ID: 16 random bytes, base64url (22 characters), unguessable. */
export function randomRoomId(): RoomId {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16))) as RoomId;
}
