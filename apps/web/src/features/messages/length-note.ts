import { MAX_TEXT_LENGTH } from '@yam/client';

/** From this many characters left, the composer counts down. */
export const COUNTDOWN_FROM = 1_000;

export type LengthNote =
  | { kind: 'fits' }
  | { kind: 'near'; text: string }
  | { kind: 'over'; text: string };

const count = new Intl.NumberFormat('en');

/**
 * What the composer says about a message's length: nothing while it fits easily, how many
 * characters are left near the limit, how many are too many past it (then Send waits: a
 * message is never cut). `length` counts UTF-16 units, as the content limit does.
 */
export function lengthNote(length: number, max = MAX_TEXT_LENGTH): LengthNote {
  const left = max - length;
  if (left < 0) return { kind: 'over', text: `${characters(-left)} over the limit` };
  if (left <= COUNTDOWN_FROM) return { kind: 'near', text: `${characters(left)} left` };
  return { kind: 'fits' };
}

function characters(n: number): string {
  return `${count.format(n)} ${n === 1 ? 'character' : 'characters'}`;
}
