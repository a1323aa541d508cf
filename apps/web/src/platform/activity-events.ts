/**
 * Calls `onActivity(hidden)` at every sign of the user (pointer, key, focus) and whenever
 * the tab is shown or hidden, once now; returns the function that stops listening.
 */
export function watchActivity(onActivity: (hidden: boolean) => void): () => void {
  if (typeof document === 'undefined') return () => undefined;
  const active = () => onActivity(document.visibilityState === 'hidden');
  const types = ['pointerdown', 'keydown', 'focus'];
  for (const type of types) window.addEventListener(type, active, { passive: true });
  document.addEventListener('visibilitychange', active);
  active();
  return () => {
    for (const type of types) window.removeEventListener(type, active);
    document.removeEventListener('visibilitychange', active);
  };
}
