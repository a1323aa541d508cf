/** The Background Sync tag of one server's outbox: the worker flushes that server's store. */
export const OUTBOX_SYNC_PREFIX = 'yam-outbox ';

type SyncManagerLike = { register(tag: string): Promise<void> };

/**
 * Asks the browser to wake the service worker when the network is back (Background Sync,
 * Chromium), so messages queued for `serverOrigin` go out even if every tab was closed. A
 * tab that is open sends them itself on reconnect; the worker then leaves them to it.
 * Silent where the browser has no Background Sync (the tab's reconnect is the only path).
 */
export function requestOutboxSync(serverOrigin: string): void {
  const container = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
  if (!container) return;
  void container
    .getRegistration()
    .then((reg) =>
      (reg as { sync?: SyncManagerLike } | undefined)?.sync?.register(
        OUTBOX_SYNC_PREFIX + serverOrigin,
      ),
    )
    .catch(() => undefined);
}
