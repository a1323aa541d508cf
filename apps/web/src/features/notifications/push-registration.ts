import { effect } from '@preact/signals';
import { saveNotifyPrefs } from '../../platform/idb/idb-notify-prefs.ts';
import { browserPushSubscription } from '../../platform/sw/browser-push.ts';
import type { AppState } from '../../session/app-state.ts';

/** Room list changes settle this long before the subscription is sent again. */
const SETTLE_MS = 1500;

/**
 * Keeps Web Push in step with the app: the service worker's copy of the notification
 * settings (it has no localStorage), and, once notifications are allowed, this browser's
 * push subscription registered on the app's own server for its rooms there that do not
 * say "Nothing". (One browser subscription has one server key, so rooms on other servers
 * notify only while a tab is open.) Returns the function that stops.
 */
export function keepPushRegistered(app: AppState): () => void {
  const { rooms, notifications, own, navigation, sessions, serviceWorker } = app;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saved = '';
  let registered = '';
  const stopPrefs = effect(() => {
    const levels: Record<string, 'all' | 'mentions' | 'nothing'> = {};
    void notifications.levels.value;
    for (const entry of rooms.entries.value) levels[entry.key] = notifications.levelOf(entry.key);
    const prefs = {
      hideContent: notifications.hideContent.value,
      levels,
      name: own.displayName.value,
    };
    // The room list changes with every message read: write only when a setting changed.
    const json = JSON.stringify(prefs);
    if (json === saved) return;
    saved = json;
    void saveNotifyPrefs(prefs).catch(() => {
      saved = '';
    });
  });
  const stopPush = effect(() => {
    const home = new URL(navigation.homeServer).origin;
    void notifications.levels.value;
    const covered = rooms.entries.value.filter(
      (e) => new URL(e.server).origin === home && notifications.levelOf(e.key) !== 'nothing',
    );
    if (!navigation.ready.value || notifications.permission.value !== 'granted') {
      clearTimeout(timer);
      registered = '';
      return;
    }
    // Reading a message changes the room list too: register again only for other rooms.
    const key = `${home}\n${covered.map((e) => e.key).join('\n')}`;
    if (key === registered) return;
    registered = key;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const registration = await serviceWorker.ready();
      if (!registration || covered.length === 0) return;
      const session = sessions.for(navigation.homeServer);
      try {
        const sub = await browserPushSubscription(registration, await session.pushKey());
        if (sub)
          await session.registerPush(
            sub,
            covered.map((e) => e.room),
          );
      } catch {
        // Offline or refused: the next change of the room list tries again.
        registered = '';
      }
    }, SETTLE_MS);
  });
  return () => {
    clearTimeout(timer);
    stopPrefs();
    stopPush();
  };
}
