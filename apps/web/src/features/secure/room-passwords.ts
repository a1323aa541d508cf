/**
 * Passwords typed in "Create new room", held in memory only until the room view creates the
 * room's group with them (then only scrypt's output is kept, in the SecretStore).
 */
const pending = new Map<string, string>();

/** Remembers the password for the room `key` (server + room ID) about to be created. */
export function setNewRoomPassword(key: string, password: string): void {
  pending.set(key, password);
}

/** Takes (and forgets) the password of a room being created, if one was set. */
export function takeNewRoomPassword(key: string): string | undefined {
  const password = pending.get(key);
  pending.delete(key);
  return password;
}
