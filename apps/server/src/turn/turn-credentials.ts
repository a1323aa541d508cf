import { createHash, createHmac } from 'node:crypto';

/** Short-lived TURN credentials in the "TURN REST" form that coturn's use-auth-secret also accepts. */
export type TurnCredentials = {
  /** `<expiryUnixSeconds>:<clientId>` */
  username: string;
  /** base64(HMAC-SHA1(secret, username)) */
  credential: string;
  /** Expiry in Unix milliseconds. */
  expiresAt: number;
};

/** The password for a TURN REST username: base64(HMAC-SHA1(secret, username)). */
export function turnPassword(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username, 'utf8').digest('base64');
}

/** Issues credentials for `clientId` valid for `ttlSeconds`. */
export function issueTurnCredentials(
  secret: string,
  clientId: string,
  ttlSeconds: number,
  now: number = Date.now(),
): TurnCredentials {
  const expiry = Math.floor(now / 1000) + Math.max(1, Math.floor(ttlSeconds));
  const username = `${expiry}:${clientId}`;
  return { username, credential: turnPassword(secret, username), expiresAt: expiry * 1000 };
}

export type TurnUsername = { expiresAt: number; clientId: string };

/** Splits a TURN REST username; undefined when it is not `<digits>:<id>`. */
export function parseTurnUsername(username: string): TurnUsername | undefined {
  const match = /^(\d{1,12}):([A-Za-z0-9_.~-]{1,128})$/.exec(username);
  if (!match?.[1] || !match[2]) return undefined;
  return { expiresAt: Number(match[1]) * 1000, clientId: match[2] };
}

/** The long-term credential key: MD5(username ":" realm ":" password) (RFC 8489 §9.2.2). */
export function longTermKey(username: string, realm: string, password: string): Buffer {
  return createHash('md5').update(`${username}:${realm}:${password}`, 'utf8').digest();
}
