import type { PeerRoster } from '../../src/p2p/member-roster.ts';

/** A TEST DOUBLE for the room's MLS roster: the test sets who is a member. */
export class TestRoster implements PeerRoster {
  #members: Set<string>;
  readonly #listeners = new Set<() => void>();

  constructor(members: Iterable<string>) {
    this.#members = new Set(members);
  }

  has(peer: string): boolean {
    return this.#members.has(peer);
  }

  ready(): Promise<void> {
    return Promise.resolve();
  }

  onChange(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Replaces the members, as an epoch change would. */
  set(members: Iterable<string>): void {
    this.#members = new Set(members);
    for (const fn of this.#listeners) fn();
  }
}
