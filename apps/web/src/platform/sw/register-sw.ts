import { type ReadonlySignal, signal } from '@preact/signals';
import { SW_MESSAGE } from './sw-messages.ts';

/** The service worker as the app sees it: a waiting new version, and rooms a notification opens. */
export type ServiceWorkerLink = {
  /** True once a new version is installed and waiting for "Reload to update". */
  readonly updateReady: ReadonlySignal<boolean>;
  /** Lets the waiting version take over, then reloads (only ever on the person's click). */
  applyUpdate(): void;
  /** Calls `open` whenever a clicked notification asks this page to show a room; returns "stop". */
  onOpenRoom(open: (server: string, room: string) => void): () => void;
  /** The registration, once there is one (push subscriptions need it). */
  ready(): Promise<ServiceWorkerRegistration | undefined>;
};

/**
 * Registers `sw.js` next to the page (production builds only: the dev server has none) and
 * watches for a new version. It never reloads by itself: a page reloading under someone
 * typing would lose their words.
 */
export function registerServiceWorker(): ServiceWorkerLink {
  const updateReady = signal(false);
  const roomOpeners = new Set<(server: string, room: string) => void>();
  const container = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
  let reloading = false;
  const registration =
    container && import.meta.env.PROD
      ? container.register('./sw.js', { scope: './' }).catch(() => undefined)
      : Promise.resolve(undefined);

  void registration.then((reg) => {
    if (!reg || !container) return;
    const watch = (worker: ServiceWorker | null) => {
      // Installed while a controller runs this page: a new version, not the first install.
      if (worker?.state === 'installed' && container.controller) updateReady.value = true;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && container.controller) updateReady.value = true;
      });
    };
    watch(reg.waiting);
    reg.addEventListener('updatefound', () => watch(reg.installing));
  });
  container?.addEventListener('message', (event) => {
    const data = event.data as { type?: unknown; server?: unknown; room?: unknown } | null;
    if (data?.type !== SW_MESSAGE.openRoom) return;
    if (typeof data.server !== 'string' || typeof data.room !== 'string') return;
    for (const open of roomOpeners) open(data.server, data.room);
  });
  container?.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
  });

  return {
    updateReady,
    applyUpdate() {
      void registration.then((reg) => {
        if (!reg?.waiting) return location.reload();
        reloading = true;
        reg.waiting.postMessage({ type: SW_MESSAGE.skipWaiting });
      });
    },
    onOpenRoom(open) {
      roomOpeners.add(open);
      return () => roomOpeners.delete(open);
    },
    ready: () => registration,
  };
}
