import { describe, expect, it } from 'vitest';
import type { MembershipLine } from '../../session/room-ports.ts';
import { membershipText } from './membership-text.ts';

const NAMES: Record<string, string> = { a: 'Alice', c: 'Carol', d: 'Dave', e: 'Erin' };
const nameOf = (id: string) => NAMES[id] ?? id;

function line(part: Partial<MembershipLine>): MembershipLine {
  return { seq: 1, ts: 1, by: 'a', added: [], removed: [], left: false, ...part };
}

describe('membership lines of the timeline', () => {
  it('says who removed whom, with "You" for this device', () => {
    expect(membershipText(line({ removed: ['c'] }), 'me', nameOf)).toBe('Alice removed Carol');
    expect(membershipText(line({ by: 'me', removed: ['c'] }), 'me', nameOf)).toBe(
      'You removed Carol',
    );
    expect(membershipText(line({ removed: ['me'] }), 'me', nameOf)).toBe('Alice removed you');
  });

  it('says who left when the removed member asked to leave, whoever committed it', () => {
    expect(membershipText(line({ by: 'a', removed: ['c'], left: true }), 'me', nameOf)).toBe(
      'Carol left',
    );
    expect(membershipText(line({ removed: ['me'], left: true }), 'me', nameOf)).toBe('You left');
  });

  it('says who added whom, listing several names', () => {
    expect(membershipText(line({ added: ['d'] }), 'me', nameOf)).toBe('Alice added Dave');
    expect(membershipText(line({ by: 'me', added: ['c', 'd', 'e'] }), 'me', nameOf)).toBe(
      'You added Carol, Dave and Erin',
    );
    expect(membershipText(line({ added: ['d'], removed: ['c'] }), 'me', nameOf)).toBe(
      'Alice added Dave and removed Carol',
    );
  });
});
