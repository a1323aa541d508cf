// Before any schema is built: the worker runs under the server's CSP too (no eval).
import '@yam/protocol/parse-without-eval';
import { PushPayload } from '@yam/protocol';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { OUTBOX_SYNC_PREFIX } from '../background-sync.ts';
import { SW_MESSAGE } from '../sw-messages.ts';
import { syncOutbox } from './outbox-sync.ts';
import { noticeFor } from './push-notification.ts';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

// The app shell (the build's precache list): a reload offline still starts the app, which
// then reads rooms and history from IndexedDB.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Page loads ask the network first: '/?room=<id>' is the server's Room URL redirect, and the
// server's index.html is the newest. Only when the network fails does the cached shell answer.
// Navigation preload starts that request while the worker boots (it carries MLS code for
// pushes, so a cold start takes a while).
self.addEventListener('activate', (event) => {
  event.waitUntil(self.registration.navigationPreload?.enable());
});
registerRoute(
  new NavigationRoute(async ({ request, event }) => {
    try {
      const preloaded = (await (event as FetchEvent).preloadResponse) as Response | undefined;
      return preloaded ?? (await fetch(request));
    } catch {
      return (await matchPrecache('index.html')) ?? Response.error();
    }
  }),
);

// A new version waits (never replaces the running app by itself) until the person clicks
// "Reload to update", whose page then asks it to take over.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === SW_MESSAGE.skipWaiting) {
    void self.skipWaiting();
  }
});

// Web Push while no tab is open [P-PUSH3]: the payload is routing data and the message's
// MLS ciphertext; the notice is worded here, on the device, from its own keys.
self.addEventListener('push', (event) => {
  event.waitUntil(onPush(event.data));
});

async function onPush(data: PushMessageData | null): Promise<void> {
  let payload: PushPayload | undefined;
  try {
    payload = PushPayload.parse(data?.json());
  } catch {
    return;
  }
  // A tab in view shows the message itself.
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  if (windows.some((w) => w.visibilityState === 'visible' && w.focused)) return;
  const notice = await noticeFor(payload, self.location.origin);
  if (!notice) return;
  await self.registration.showNotification(notice.title, {
    body: notice.body,
    tag: notice.tag,
    icon: './icon-192.png',
    badge: './icon-192.png',
    data: notice.data,
  });
}

// Background Sync: messages written offline go out when the network is back, also when
// every tab was closed meanwhile (Chromium). TypeScript's lib has no `SyncEvent`.
type SyncEvent = ExtendableEvent & { readonly tag: string };
self.addEventListener('sync', ((event: SyncEvent) => {
  if (!event.tag.startsWith(OUTBOX_SYNC_PREFIX)) return;
  event.waitUntil(syncOutbox(self, event.tag.slice(OUTBOX_SYNC_PREFIX.length)));
}) as EventListener);

// A click focuses an open tab and asks it to show the room, or opens the room in a new one.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openRoomFrom(event.notification.data));
});

async function openRoomFrom(data: unknown): Promise<void> {
  const target = data as { server?: unknown; room?: unknown; url?: unknown } | null;
  if (typeof target?.server !== 'string' || typeof target.room !== 'string') return;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const tab = windows[0];
  if (tab) {
    await tab.focus().catch(() => undefined);
    tab.postMessage({ type: SW_MESSAGE.openRoom, server: target.server, room: target.room });
    return;
  }
  if (typeof target.url === 'string') await self.clients.openWindow(target.url);
}
