import type { RoomId } from '@yam/protocol';
import { useEffect, useState } from 'preact/hooks';
import { setAppBadge } from '../../platform/app-badge.ts';
import { setFaviconCount } from '../../platform/favicon.ts';
import type { AppState } from '../../session/app-state.ts';
import { attentionTitle } from './alert-rules.ts';
import { MessageAlerts } from './message-alerts.ts';
import { keepPushRegistered } from './push-registration.ts';

/**
 * What draws the eye back to Yam: the unread count (other rooms, plus the open room while
 * the tab was hidden) in the tab title, on the favicon and on the installed app's badge,
 * and the alerts of `MessageAlerts` (returned: the frame hands it file offers). Used once,
 * by the frame.
 */
export function useAttention(app: AppState): MessageAlerts {
  const [alerts] = useState(() => new MessageAlerts(app));
  useEffect(() => alerts.start(), [alerts]);
  useEffect(() => keepPushRegistered(app), [app]);
  // A clicked push notification (the service worker) asks an open tab to show its room.
  useEffect(
    () =>
      app.serviceWorker.onOpenRoom((server, room) => {
        const entry = app.rooms.find(server, room as RoomId);
        if (entry) app.navigation.showRoom(entry.key);
      }),
    [app],
  );
  let unread = alerts.hiddenUnread.value;
  for (const count of app.rooms.unread.value.values()) unread += count;
  const name = app.rooms.current.value?.name;
  useEffect(() => {
    document.title = attentionTitle(unread, name);
    setFaviconCount(unread);
    setAppBadge(unread);
  }, [unread, name]);
  return alerts;
}
