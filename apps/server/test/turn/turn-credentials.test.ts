import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NonceIssuer } from '../../src/turn/nonce.ts';
import {
  issueTurnCredentials,
  longTermKey,
  parseTurnUsername,
  turnPassword,
} from '../../src/turn/turn-credentials.ts';

describe('TURN REST credentials', () => {
  it('issues `<expiry>:<clientId>` with base64(HMAC-SHA1(secret, username))', () => {
    const now = Date.UTC(2026, 0, 1);
    const creds = issueTurnCredentials('north', 'client-1', 600, now);
    expect(creds.username).toBe(`${now / 1000 + 600}:client-1`);
    const expected = createHmac('sha1', 'north').update(creds.username).digest('base64');
    expect(creds.credential).toBe(expected);
    expect(creds.expiresAt).toBe(now + 600_000);
  });

  it('matches the coturn REST example (secret "north")', () => {
    // A fixed, independently computable case: HMAC-SHA1("north", "1433895918:gorst").
    const username = '1433895918:gorst';
    expect(turnPassword('north', username)).toBe(
      createHmac('sha1', Buffer.from('north')).update(Buffer.from(username)).digest('base64'),
    );
    expect(turnPassword('south', username)).not.toBe(turnPassword('north', username));
  });

  it('parses usernames and refuses anything else', () => {
    expect(parseTurnUsername('1700000000:abc_DEF-1')).toEqual({
      expiresAt: 1_700_000_000_000,
      clientId: 'abc_DEF-1',
    });
    for (const bad of ['', 'alice', ':x', '12:', 'x:1', '1:a b', `1:${'a'.repeat(200)}`]) {
      expect(parseTurnUsername(bad), bad).toBeUndefined();
    }
  });

  it('derives the long-term key as MD5(username:realm:password)', () => {
    expect(longTermKey('user', 'realm', 'pass').toString('hex')).toBe(
      '8493fbc53ba582fb4c044c456bdc40eb', // md5("user:realm:pass")
    );
  });
});

describe('NonceIssuer', () => {
  it('accepts its own fresh nonce for the same client only', () => {
    const nonces = new NonceIssuer(60_000);
    const nonce = nonces.issue('udp|1.2.3.4|5', 1000);
    expect(nonces.check(nonce, 'udp|1.2.3.4|5', 2000)).toBe('ok');
    expect(nonces.check(nonce, 'udp|1.2.3.4|6', 2000)).toBe('stale');
    expect(new NonceIssuer(60_000).check(nonce, 'udp|1.2.3.4|5', 2000)).toBe('stale');
  });

  it('calls an expired nonce stale', () => {
    const nonces = new NonceIssuer(60_000);
    const nonce = nonces.issue('k', 0);
    expect(nonces.check(nonce, 'k', 59_999)).toBe('ok');
    expect(nonces.check(nonce, 'k', 60_000)).toBe('stale');
    expect(nonces.check('garbage', 'k', 0)).toBe('stale');
  });
});
