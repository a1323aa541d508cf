import { useState } from 'preact/hooks';
import {
  type NotificationPermissionState,
  requestNotificationPermission,
} from '../../platform/browser-notifications.ts';
import { useAppState } from '../../session/app-state-context.ts';
import './notifications.css';

const PERMISSION_TEXT: Record<NotificationPermissionState, string> = {
  default: 'Yam shows no notifications until you turn them on.',
  granted: 'Notifications are on for this browser.',
  denied:
    'This browser blocks notifications from Yam. Allow them in the site settings (the icon left of the address), then reload.',
  unsupported: 'This browser cannot show notifications.',
};

/**
 * The Profile dialog's "Notifications" section: the one place that asks the browser's
 * permission (on the click of "Turn on notifications", never on load), the sound, hiding
 * message text in notifications, and "Install Yam" where the browser offers it.
 */
export function NotificationControls() {
  const { notifications, install } = useAppState();
  const permission = notifications.permission.value;
  const [asking, setAsking] = useState(false);

  async function turnOn() {
    setAsking(true);
    try {
      notifications.permission.value = await requestNotificationPermission();
    } finally {
      setAsking(false);
    }
  }

  return (
    <section class="notification-controls" aria-labelledby="notifications-heading">
      <h3 id="notifications-heading">Notifications</h3>
      <p class="hint" aria-live="polite">
        {asking ? 'Waiting for your answer in the browser…' : PERMISSION_TEXT[permission]}
      </p>
      {permission === 'default' && (
        <button type="button" class="button" disabled={asking} onClick={() => void turnOn()}>
          Turn on notifications
        </button>
      )}
      <label class="field checkbox-field">
        <input
          type="checkbox"
          checked={notifications.sound.value}
          onChange={(e) => notifications.setSound(e.currentTarget.checked)}
        />
        <span>Sound</span>
      </label>
      <label class="field checkbox-field">
        <input
          type="checkbox"
          checked={notifications.hideContent.value}
          onChange={(e) => notifications.setHideContent(e.currentTarget.checked)}
        />
        <span>Hide message content in notifications</span>
      </label>
      {install.available.value && (
        <button type="button" class="button" onClick={() => void install.install()}>
          Install Yam
        </button>
      )}
    </section>
  );
}
