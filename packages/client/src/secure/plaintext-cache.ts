import { decodeOpened, encodeOpened, openedKey } from './opened-message.ts';
import type { SecretStore } from './secret-store.ts';

/**
 * Forgets a deleted message's text on this device: its cache entry becomes an `erased`
 * problem, so it is never shown or forwarded again.
 */
export function eraseOpened(store: SecretStore, room: string, from: string, cmid: string) {
  return store.put('opened', openedKey(room, from, cmid), encodeOpened({ problem: 'erased' }));
}

/** A cached message's plaintext body (own messages are cached when sent). */
export async function openedBody(
  store: SecretStore,
  room: string,
  from: string,
  cmid: string,
): Promise<Uint8Array | undefined> {
  const cached = await store.get('opened', openedKey(room, from, cmid));
  return cached ? decodeOpened(cached).body : undefined;
}
