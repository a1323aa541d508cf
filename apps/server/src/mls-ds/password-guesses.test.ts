import { describe, expect, it } from 'vitest';
import { SERVER_LIMITS } from '../config.ts';
import { PasswordGuesses } from './password-guesses.ts';

const limits = {
  ...SERVER_LIMITS,
  passwordTriesPerRequester: 2,
  passwordTriesPerRoom: 4,
  passwordBackoffMs: 1_000,
  passwordBackoffMaxMs: 8_000,
};

function failOnce(g: PasswordGuesses, room: string, who: string, id: number, now: number) {
  expect(g.start(room, id, who, 'member', now)).toBe(true);
  g.end(g.run(room, id)!, false, now);
}

describe('[P-PAKE3] PasswordGuesses', () => {
  it('free tries, then a wait that doubles per failure up to the max, then forgets', () => {
    const g = new PasswordGuesses(limits);
    const t = Date.now();
    failOnce(g, 'r', 'a', 1, t);
    expect(g.wait('r', 'a', t)).toBe(0);
    failOnce(g, 'r', 'a', 2, t);
    expect(g.wait('r', 'a', t)).toBe(1_000);
    expect(g.wait('r', 'a', t + 1_000)).toBe(0);
    failOnce(g, 'r', 'a', 3, t + 1_000);
    expect(g.wait('r', 'a', t + 1_000)).toBe(2_000);
    for (let i = 0; i < 5; i++) failOnce(g, 'r', 'a', 10 + i, t + 2_000);
    expect(g.wait('r', 'a', t + 2_000)).toBe(8_000);
    // Other rooms are not touched; a failure-free max period forgets the count.
    expect(g.wait('other', 'a', t + 2_000)).toBe(0);
    expect(g.wait('r', 'a', t + 2_000 + 8_001)).toBe(0);
  });

  it('counts per room across requesters; a right password clears only the requester', () => {
    const g = new PasswordGuesses(limits);
    const t = Date.now();
    for (const [i, who] of ['a', 'b', 'c', 'd'].entries()) failOnce(g, 'r', who, i + 1, t);
    expect(g.wait('r', 'fresh', t)).toBe(1_000);
    expect(g.start('r', 9, 'a', 'member', t)).toBe(true);
    g.end(g.run('r', 9)!, true, t);
    expect(g.wait('r', 'a', t)).toBe(1_000); // the room's count still runs
  });

  it('one run per request; runs in flight count once the free tries are used', () => {
    const g = new PasswordGuesses(limits);
    const t = Date.now();
    expect(g.start('r', 1, 'a', 'm1', t)).toBe(true);
    expect(g.start('r', 1, 'a', 'm2', t)).toBe(false);
    expect(g.wait('r', 'a', t)).toBe(0);
    expect(g.start('r', 2, 'a', 'm1', t)).toBe(true);
    expect(g.wait('r', 'a', t)).toBeGreaterThan(0);
  });

  it('a run nobody finished is dropped after 2 minutes: it no longer counts, and may run again', () => {
    const g = new PasswordGuesses({ ...limits, passwordTriesPerRequester: 1 });
    const t = Date.now() - 3 * 60_000;
    expect(g.start('r', 1, 'a', 'm1', t)).toBe(true);
    expect(g.wait('r', 'a', t)).toBeGreaterThan(0);
    expect(g.wait('r', 'a', t + 2 * 60_000 + 1)).toBe(0);
    expect(g.start('r', 1, 'a', 'm2', t + 2 * 60_000 + 1)).toBe(true);
  });
});
