import { flushOutbox } from '@yam/client';
import { IdbClientStore } from '../../idb/idb-client-store.ts';
import { loadIdentity } from '../../idb/idb-identity.ts';

/**
 * Background Sync of one server's outbox [P-MSG4]: when the network is back and no tab of
 * the app is open, the worker sends the queued messages itself. They are ciphertext sealed
 * before queueing, so only the device key (to sign the login challenge) is needed and no
 * MLS state moves. An open tab sends them on its reconnect, so the worker leaves them to
 * it. Rejects while items are left (also those left to a tab), so the browser tries again
 * later: a tab closed before its reconnect leaves them to a later sync.
 */
export async function syncOutbox(
  worker: ServiceWorkerGlobalScope,
  serverOrigin: string,
): Promise<void> {
  const windows = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const identity = await loadIdentity();
  if (!identity) return;
  const store = new IdbClientStore(serverOrigin);
  try {
    const left =
      windows.length > 0
        ? (await store.outboxList()).length
        : (await flushOutbox({ server: serverOrigin, identity, store })).left;
    if (left > 0) throw new Error(`${left} messages still wait to be sent`);
  } finally {
    await store.close();
  }
}
