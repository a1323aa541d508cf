import type { ClientTransport } from './client-transport.ts';
import type { NonceIssuer } from './nonce.ts';
import { Attr, StunClass } from './stun-constants.ts';
import {
  checkIntegrity,
  getAttr,
  type IntegrityKind,
  integrityKind,
  type StunMessage,
} from './stun-message.ts';
import { StunWriter } from './stun-writer.ts';
import { longTermKey, parseTurnUsername, turnPassword } from './turn-credentials.ts';

export type AuthParts = { realm: string; secret: string; nonces: NonceIssuer };

export type Authenticated = {
  ok: true;
  username: string;
  clientId: string;
  key: Buffer;
  kind: IntegrityKind;
};
export type Refused = { ok: false; response: Buffer };

/**
 * Long-term credential check (RFC 8489 §9.2.4) with TURN REST usernames. The order matters:
 * a request without integrity gets 401 + nonce; a stale nonce 438; then username, expiry, MAC.
 */
export function authenticate(
  msg: StunMessage,
  client: ClientTransport,
  parts: AuthParts,
  now: number = Date.now(),
): Authenticated | Refused {
  const challenge = (code: number) => {
    const w = new StunWriter(msg.method, StunClass.Error, msg.transactionId)
      .addError(code)
      .add(Attr.Realm, parts.realm)
      .add(Attr.Nonce, parts.nonces.issue(client.key, now));
    return { ok: false as const, response: w.build() };
  };
  const kind = integrityKind(msg);
  if (!kind) return challenge(401);
  const username = getAttr(msg, Attr.Username)?.toString('utf8');
  const realm = getAttr(msg, Attr.Realm)?.toString('utf8');
  const nonce = getAttr(msg, Attr.Nonce)?.toString('utf8');
  if (username === undefined || realm === undefined || nonce === undefined) {
    const w = new StunWriter(msg.method, StunClass.Error, msg.transactionId).addError(400);
    return { ok: false, response: w.build() };
  }
  if (parts.nonces.check(nonce, client.key, now) !== 'ok') return challenge(438);
  const parsed = parseTurnUsername(username);
  if (!parsed || parsed.expiresAt <= now || realm !== parts.realm) return challenge(401);
  const key = longTermKey(username, parts.realm, turnPassword(parts.secret, username));
  if (!checkIntegrity(msg, key)) return challenge(401);
  return { ok: true, username, clientId: parsed.clientId, key, kind };
}
