import { useId } from 'preact/hooks';
import {
  NOTIFY_LEVELS,
  type NotificationSettings,
  type NotifyLevel,
} from '../../session/notification-settings.ts';

/** Configure room's "Notify me": All messages / Mentions only / Nothing, kept on this device. */
export function NotifyMeField(props: { settings: NotificationSettings; roomKey: string }) {
  const id = useId();
  const { settings, roomKey } = props;
  // Read through the signal so the select follows a change made elsewhere.
  void settings.levels.value;
  return (
    <div class="field">
      <label for={id}>Notify me</label>
      <select
        id={id}
        value={settings.levelOf(roomKey)}
        onChange={(e) => settings.setLevel(roomKey, e.currentTarget.value as NotifyLevel)}
      >
        {NOTIFY_LEVELS.map((level) => (
          <option key={level.value} value={level.value}>
            {level.label}
          </option>
        ))}
      </select>
    </div>
  );
}
