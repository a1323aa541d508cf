import { signal } from '@preact/signals';

/** No input for this long makes this device "away". */
export const AWAY_AFTER_MS = 2 * 60_000;

/** This device's own presence: away while the tab is hidden or after 2 minutes idle. */
export const ownActivity = signal<'online' | 'away'>('online');

let timer: ReturnType<typeof setTimeout> | undefined;

function active(): void {
  clearTimeout(timer);
  if (document.visibilityState === 'hidden') {
    ownActivity.value = 'away';
    return;
  }
  ownActivity.value = 'online';
  timer = setTimeout(() => (ownActivity.value = 'away'), AWAY_AFTER_MS);
}

if (typeof document !== 'undefined') {
  for (const type of ['pointerdown', 'keydown', 'focus']) {
    window.addEventListener(type, active, { passive: true });
  }
  document.addEventListener('visibilitychange', active);
  active();
}
