/** Messages between the pages and the service worker (both sides import this file). */
export const SW_MESSAGE = {
  /** Page → waiting worker: take over now (the person clicked "Reload to update"). */
  skipWaiting: 'yam-skip-waiting',
  /** Worker → page: a notification was clicked; open this room. */
  openRoom: 'yam-open-room',
} as const;
