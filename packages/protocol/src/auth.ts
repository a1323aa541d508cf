/**
 * What a device signs to authenticate: a domain-separation label, the server origin and
 * the challenge nonce. The label means a signature made here can never be mistaken for a
 * message or MLS signature, which sign other labels. [P-AUTH1] [P-AUTH3]
 */
export const AUTH_LABEL = 'yam-auth-v1';

/** The exact bytes an auth signature covers. */
export function authMessage(origin: string, nonce: string): Uint8Array {
  return new TextEncoder().encode(`${AUTH_LABEL}\n${origin}\n${nonce}`);
}

/**
 * The origin a client binds its signature to: the http(s) origin of the server URL
 * (`ws:` maps to `http:`, `wss:` to `https:`). [P-AUTH3]
 */
export function serverOrigin(serverUrl: string): string {
  const url = new URL(serverUrl);
  if (url.protocol === 'ws:') url.protocol = 'http:';
  if (url.protocol === 'wss:') url.protocol = 'https:';
  return url.origin;
}
