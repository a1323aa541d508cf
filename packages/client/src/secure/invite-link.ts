import { INVITE_KEY_BYTES } from '@yam/crypto';
import { fromBase64Url, toBase64Url } from '@yam/protocol';

/**
 * An invite link: the Room URL (with `&name=`) plus `#invite=<base64url key>`. The key
 * sits in the fragment, which browsers never send to the server.
 */
export function inviteLink(roomUrl: string, inviteKey: Uint8Array): string {
  const base = roomUrl.split('#')[0]!;
  return `${base}#invite=${toBase64Url(inviteKey)}`;
}

/** The invite key in a link's fragment (`#invite=...`), or undefined when absent or malformed. */
export function inviteKeyOf(link: string): Uint8Array | undefined {
  const hash = link.indexOf('#');
  if (hash < 0) return undefined;
  const params = new URLSearchParams(link.slice(hash + 1));
  const text = params.get('invite');
  if (!text || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const key = fromBase64Url(text);
    return key.length === INVITE_KEY_BYTES ? key : undefined;
  } catch {
    return undefined;
  }
}
