import type { PushSubscriptionKeys } from '@yam/client';

/**
 * This browser's push subscription for the service worker, made with the server's VAPID
 * key (`serverKey`, base64url). Undefined where there is no Push API or the browser's push
 * service cannot be reached (headless browsers, some privacy modes).
 */
export async function browserPushSubscription(
  registration: ServiceWorkerRegistration,
  serverKey: string,
): Promise<PushSubscriptionKeys | undefined> {
  if (!('pushManager' in registration)) return undefined;
  try {
    const key = fromBase64Url(serverKey);
    let sub = await registration.pushManager.getSubscription();
    const current = sub?.options.applicationServerKey;
    // A subscription for another server key (the server's keys were replaced) is useless.
    if (sub && current && !sameBytes(new Uint8Array(current), key)) {
      await sub.unsubscribe();
      sub = null;
    }
    sub ??= await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: key,
    });
    const json = sub.toJSON();
    if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) return undefined;
    return { endpoint: json.endpoint, p256dh: json.keys.p256dh, auth: json.keys.auth };
  } catch {
    return undefined;
  }
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
