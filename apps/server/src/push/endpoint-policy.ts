/**
 * Push services browsers use. The server POSTs to whatever endpoint a client registers, so
 * without this list any free identity could point it at hosts inside the operator's network
 * (server-side request forgery). [P-PUSH2]
 */
export const PUSH_SERVICE_HOSTS = [
  'fcm.googleapis.com', // Chrome, Edge on Android, Opera
  'android.googleapis.com',
  'updates.push.services.mozilla.com', // Firefox
  'push.services.mozilla.com',
  'web.push.apple.com', // Safari
  'notify.windows.com', // Edge (WNS): *.notify.windows.com
];

/** True when `endpoint` is an https URL on an allowed push service (or a subdomain of one). */
export function allowedEndpoint(endpoint: string, hosts: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  return hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}
