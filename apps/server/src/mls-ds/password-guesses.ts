import type { RoomId } from '@yam/protocol';
import type { ServerLimits } from '../config.ts';
import type { Peer } from '../relay/relay-plugin.ts';

export const PASSWORD_TRIES_MESSAGE =
  'too many wrong passwords for this room lately; try again later';

/** [P-PAKE3] For `join.req` with a share: false (and the error sent) while the backoff runs. */
export async function allowPasswordTry(
  peer: Peer,
  room: RoomId,
  rid: number,
  guesses: PasswordGuessBook,
): Promise<boolean> {
  const wait = await guesses.wait(room, peer.clientId);
  if (wait > 0) peer.error('TOO_MANY_PASSWORD_TRIES', PASSWORD_TRIES_MESSAGE, rid, wait);
  return wait === 0;
}

/** One CPace run in progress: a member answered a password join request. [P-PAKE2] */
export type PakeRun = {
  readonly room: string;
  readonly id: number;
  readonly requester: string;
  readonly member: string;
  readonly started: number;
  confirmed: boolean;
};

export type Count = { failures: number; last: number };

/** A run nobody finished in this long is dropped (its requester learned nothing from it). */
export const RUN_TTL_MS = 2 * 60_000;

/**
 * Where password guesses and CPace runs are kept: in this process (`PasswordGuesses`),
 * or in Redis when several instances serve the same rooms, so a requester and the member
 * answering it may sit on different instances and the counts hold for all of them.
 */
export interface PasswordGuessBook {
  /** Ms before `requester` may try a password in `room` again; 0 when it may now. */
  wait(room: string, requester: string): number | Promise<number>;
  /** Starts the run of request `id`; false when a member already answers it. */
  start(room: string, id: number, requester: string, member: string): boolean | Promise<boolean>;
  run(room: string, id: number): PakeRun | undefined | Promise<PakeRun | undefined>;
  /** Marks the requester's tag as sent; false when it already was (a tag goes once). */
  confirm(run: PakeRun): boolean | Promise<boolean>;
  /** Ends a run with the member's verdict on the requester's password. */
  end(run: PakeRun, right: boolean): void | Promise<void>;
}

/**
 * The wait a count imposes: free tries first, then a doubling backoff from the last
 * failure; runs in progress count as tries, and past the free ones only one runs at a time.
 */
export function backoffWait(
  count: Count | undefined,
  free: number,
  running: number,
  now: number,
  limits: Pick<ServerLimits, 'passwordBackoffMs' | 'passwordBackoffMaxMs'>,
): number {
  const failures = count?.failures ?? 0;
  if (failures + running < free) return 0;
  const { passwordBackoffMs: base, passwordBackoffMaxMs: max } = limits;
  const delay = failures < free ? 0 : Math.min(max, base * 2 ** (failures - free));
  const left = count ? count.last + delay - now : 0;
  // Past the free tries, one run at a time: the next waits for the verdict.
  return Math.max(left, running > 0 ? base : 0, 0);
}

/**
 * Online password guesses, counted per (room, requester) and per room [P-PAKE3]. A wrong
 * password (a member's verdict) is one failure; past the free tries each further one
 * doubles the wait, runs in progress count as tries, and a count with no failure for
 * `passwordBackoffMaxMs` is forgotten. In memory: one server process.
 */
export class PasswordGuesses implements PasswordGuessBook {
  readonly #limits: ServerLimits;
  readonly #counts = new Map<string, Count>();
  readonly #runs = new Map<string, PakeRun>();

  constructor(limits: ServerLimits) {
    this.#limits = limits;
  }

  /** Ms before `requester` may try a password in `room` again; 0 when it may now. */
  wait(room: string, requester: string, now = Date.now()): number {
    this.#sweep(now);
    const runs = [...this.#runs.values()].filter((r) => r.room === room);
    const mine = runs.filter((r) => r.requester === requester).length;
    const { passwordTriesPerRequester: perRequester, passwordTriesPerRoom: perRoom } = this.#limits;
    return Math.max(
      this.#waitFor(`${room}\n${requester}`, perRequester, mine, now),
      this.#waitFor(room, perRoom, runs.length, now),
    );
  }

  /** Starts the run of request `id`; false when a member already answers it. */
  start(room: string, id: number, requester: string, member: string, now = Date.now()): boolean {
    const key = `${room}\n${id}`;
    if (this.#runs.has(key)) return false;
    this.#runs.set(key, { room, id, requester, member, started: now, confirmed: false });
    return true;
  }

  run(room: string, id: number): PakeRun | undefined {
    this.#sweep(Date.now());
    return this.#runs.get(`${room}\n${id}`);
  }

  confirm(run: PakeRun): boolean {
    if (run.confirmed) return false;
    run.confirmed = true;
    return true;
  }

  /** Ends a run with the member's verdict on the requester's password. */
  end(run: PakeRun, right: boolean, now = Date.now()): void {
    this.#runs.delete(`${run.room}\n${run.id}`);
    if (right) {
      this.#counts.delete(`${run.room}\n${run.requester}`);
      return;
    }
    for (const key of [`${run.room}\n${run.requester}`, run.room]) {
      const count = this.#counts.get(key);
      this.#counts.set(key, { failures: (count?.failures ?? 0) + 1, last: now });
    }
  }

  #waitFor(key: string, free: number, running: number, now: number): number {
    return backoffWait(this.#counts.get(key), free, running, now, this.#limits);
  }

  #sweep(now: number): void {
    for (const [key, run] of this.#runs) {
      if (now - run.started > RUN_TTL_MS) this.#runs.delete(key);
    }
    for (const [key, count] of this.#counts) {
      if (now - count.last > this.#limits.passwordBackoffMaxMs) this.#counts.delete(key);
    }
  }
}
