import type { SecureRooms, YamClient } from '@yam/client';

const byClient = new WeakMap<YamClient, SecureRooms>();

/** Records which secure layer encrypts for a client (set by SecureSession). */
export function registerSecure(client: YamClient, secure: SecureRooms): void {
  byClient.set(client, secure);
}

/** The secure layer of a client: features that only hold a client (profiles) seal with it. */
export function secureOf(client: YamClient): SecureRooms | undefined {
  return byClient.get(client);
}
