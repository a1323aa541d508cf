import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { SW_MESSAGE } from '../sw-messages.ts';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

// The app shell (the build's precache list): a reload offline still starts the app, which
// then reads rooms and history from IndexedDB.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Page loads ask the network first: '/?room=<id>' is the server's Room URL redirect, and the
// server's index.html is the newest. Only when the network fails does the cached shell answer.
registerRoute(
  new NavigationRoute(async ({ request }) => {
    try {
      return await fetch(request);
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
