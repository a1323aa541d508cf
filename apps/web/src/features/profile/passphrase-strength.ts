/** Shortest passphrase accepted for an identity backup. */
export const MIN_PASSPHRASE_LENGTH = 10;

/** A rough strength verdict for the hint under the passphrase field. */
export type PassphraseStrength = 'too short' | 'weak' | 'fair' | 'strong';

/**
 * A rough estimate, not a guarantee: length times the size of the alphabet in use. The
 * backup's scrypt slows guessing, but only a long passphrase makes it hopeless, so the hint
 * nudges towards several words rather than symbols.
 */
export function passphraseStrength(passphrase: string): PassphraseStrength {
  const chars = [...passphrase];
  if (chars.length < MIN_PASSPHRASE_LENGTH) return 'too short';
  let alphabet = 0;
  if (/[a-z]/.test(passphrase)) alphabet += 26;
  if (/[A-Z]/.test(passphrase)) alphabet += 26;
  if (/[0-9]/.test(passphrase)) alphabet += 10;
  if (/[^a-zA-Z0-9]/.test(passphrase)) alphabet += 33;
  // Repeats add little: "aaaaaaaaaaaa" is not twelve characters' worth.
  const distinct = new Set(chars).size;
  const bits = Math.min(chars.length, distinct * 2) * Math.log2(Math.max(alphabet, 2));
  if (bits < 50) return 'weak';
  if (bits < 75) return 'fair';
  return 'strong';
}

/** The hint text for a verdict. */
export function strengthHint(strength: PassphraseStrength): string {
  switch (strength) {
    case 'too short':
      return `At least ${MIN_PASSPHRASE_LENGTH} characters.`;
    case 'weak':
      return 'Weak: add more words.';
    case 'fair':
      return 'Fair: one or two more words make it strong.';
    case 'strong':
      return 'Strong.';
  }
}
