import { describe, expect, it } from 'vitest';
import { passphraseStrength } from './passphrase-strength.ts';

describe('passphraseStrength', () => {
  it('refuses fewer than ten characters, counting code points', () => {
    expect(passphraseStrength('abcdefghi')).toBe('too short');
    expect(passphraseStrength('😀😀😀😀😀😀😀😀😀')).toBe('too short');
    expect(passphraseStrength('abcdefghij')).not.toBe('too short');
  });

  it('rates repeated characters weak however long they are', () => {
    expect(passphraseStrength('a'.repeat(40))).toBe('weak');
  });

  it('rates several words strong and a short mixed one in between', () => {
    expect(passphraseStrength('correct horse battery staple')).toBe('strong');
    expect(passphraseStrength('Tr0ub4dor&3')).toBe('fair');
  });
});
