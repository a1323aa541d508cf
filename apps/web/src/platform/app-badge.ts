/** The unread count on the installed app's icon (Badging API; a no-op where it is missing). */
export function setAppBadge(count: number): void {
  if (typeof navigator === 'undefined') return;
  const nav = navigator as Navigator & {
    setAppBadge?: (count?: number) => Promise<void>;
    clearAppBadge?: () => Promise<void>;
  };
  const done = count > 0 ? nav.setAppBadge?.(count) : nav.clearAppBadge?.();
  // Refused (not installed, or no permission): the title and favicon still show the count.
  done?.catch(() => undefined);
}
