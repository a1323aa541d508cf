import { LABELS } from '@yam/crypto';
import { AUTH_LABEL, authMessage } from '@yam/protocol';
import { describe, expect, it } from 'vitest';

// crypto and protocol import nothing internal, so the client (which uses both) checks
// that they agree on the bytes an auth signature covers.
describe('auth label', () => {
  it('[P-AUTH1] the crypto signer and the protocol agree on the auth label', () => {
    expect(LABELS.auth).toBe(`${AUTH_LABEL}\n`);
    const bytes = authMessage('https://a.example', 'nonce');
    const prefix = new TextEncoder().encode(LABELS.auth);
    expect(bytes.slice(0, prefix.length)).toEqual(prefix);
  });
});
