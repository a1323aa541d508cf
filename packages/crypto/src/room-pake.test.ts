import { describe, expect, it } from 'vitest';
import { concatBytes } from './bytes.ts';
import {
  type PakeParties,
  pakeJoinerKeys,
  pakeJoinerStart,
  pakeMemberReply,
  pakeTagValid,
} from './room-pake.ts';

const key = (n: number) => new Uint8Array(32).fill(n);
const parties = (over: Partial<PakeParties> = {}): PakeParties => ({
  passwordKey: key(1),
  room: 'room-1',
  joiner: 'joiner-id',
  keyPackage: new Uint8Array([1, 2, 3]),
  ...over,
});

/** One full run; `member` is what the member side uses, `joiner` what the joiner side uses. */
function run(joiner: PakeParties, member: PakeParties, memberId = 'member-id', seenId = memberId) {
  const start = pakeJoinerStart(joiner);
  const answer = pakeMemberReply(member, start.share, memberId)!;
  const mine = pakeJoinerKeys(joiner, start, answer.reply, seenId)!;
  return {
    memberAccepts: pakeTagValid(answer.keys.ta, mine.ta),
    joinerAccepts: pakeTagValid(mine.tb, answer.keys.tb),
  };
}

describe('[P-PAKE1] password joins as CPace runs', () => {
  it('the same password key: both tags check', () => {
    expect(run(parties(), parties())).toEqual({ memberAccepts: true, joinerAccepts: true });
  });

  it('a wrong password key: neither tag checks', () => {
    expect(run(parties({ passwordKey: key(2) }), parties())).toEqual({
      memberAccepts: false,
      joinerAccepts: false,
    });
  });

  it('a KeyPackage swapped on the way fails the run (ADa binds it)', () => {
    const r = run(parties(), parties({ keyPackage: new Uint8Array([9, 9, 9]) }));
    expect(r.memberAccepts).toBe(false);
  });

  it('another room or another joiner ID fails the run (CI binds them)', () => {
    expect(run(parties(), parties({ room: 'room-2' })).memberAccepts).toBe(false);
    expect(run(parties(), parties({ joiner: 'someone-else' })).memberAccepts).toBe(false);
  });

  it('a member share relayed under another member’s ID fails the run (ADb binds it)', () => {
    expect(run(parties(), parties(), 'member-id', 'other-member').joinerAccepts).toBe(false);
  });

  it('aborts on malformed or neutral shares (the draft’s abort cases)', () => {
    const start = pakeJoinerStart(parties());
    const sid = start.share.subarray(0, 16);
    expect(pakeMemberReply(parties(), start.share.subarray(1), 'm')).toBeUndefined();
    expect(pakeMemberReply(parties(), concatBytes(sid, new Uint8Array(32)), 'm')).toBeUndefined();
    expect(
      pakeMemberReply(parties(), concatBytes(sid, new Uint8Array(32).fill(0xff)), 'm'),
    ).toBeUndefined();
    expect(pakeJoinerKeys(parties(), start, new Uint8Array(32), 'm')).toBeUndefined();
    expect(pakeJoinerKeys(parties(), start, new Uint8Array(31), 'm')).toBeUndefined();
  });

  it('shares are fresh per run: two runs never send the same bytes', () => {
    const a = pakeJoinerStart(parties());
    const b = pakeJoinerStart(parties());
    expect(pakeTagValid(a.share, b.share)).toBe(false);
  });
});
