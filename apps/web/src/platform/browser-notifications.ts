/** The browser's notification permission: 'default' until the person answers the prompt. */
export type NotificationPermissionState = 'default' | 'granted' | 'denied' | 'unsupported';

export function notificationPermission(): NotificationPermissionState {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

/** Asks the browser's permission; call only from the person's click ("Turn on notifications"). */
export async function requestNotificationPermission(): Promise<NotificationPermissionState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

export type ShownNotification = {
  title: string;
  body: string;
  /** One notification per tag: a newer one for the same room replaces the older. */
  tag: string;
  /** The room a click opens (also when the service worker shows it and handles the click). */
  room: { server: string; room: string };
  onClick(): void;
};

/** Shows a notification from the page; a click focuses this tab first. Silent when not allowed. */
export function showNotification(shown: ShownNotification): void {
  if (notificationPermission() !== 'granted') return;
  try {
    const note = new Notification(shown.title, {
      body: shown.body,
      tag: shown.tag,
      icon: './icon-192.png',
    });
    note.onclick = () => {
      window.focus();
      shown.onClick();
      note.close();
    };
  } catch {
    // Some browsers (Android Chrome) allow notifications only from a service worker; its
    // notificationclick then asks this page to open the room.
    void navigator.serviceWorker?.ready
      .then((reg) =>
        reg.showNotification(shown.title, {
          body: shown.body,
          tag: shown.tag,
          icon: './icon-192.png',
          data: shown.room,
        }),
      )
      .catch(() => undefined);
  }
}

/** True while this tab is not seen (another tab, minimised, screen off). */
export function pageHidden(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'hidden';
}
