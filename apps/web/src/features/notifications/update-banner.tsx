import { useAppState } from '../../session/app-state-context.ts';
import './notifications.css';

/**
 * "A new version of Yam is ready.": shown when a new service worker waits. Only the
 * person's click reloads, so nobody loses what they are typing.
 */
export function UpdateBanner() {
  const { serviceWorker } = useAppState();
  if (!serviceWorker.updateReady.value) return null;
  return (
    <div class="update-banner" role="status">
      <span>A new version of Yam is ready.</span>
      <button type="button" class="button primary" onClick={() => serviceWorker.applyUpdate()}>
        Reload to update
      </button>
    </div>
  );
}
