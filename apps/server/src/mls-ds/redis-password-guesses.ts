import type { Redis } from 'ioredis';
import type { ServerLimits } from '../config.ts';
import {
  backoffWait,
  type Count,
  type PakeRun,
  type PasswordGuessBook,
  RUN_TTL_MS,
} from './password-guesses.ts';

/**
 * Password guesses and CPace runs in Redis, for several instances [P-PAKE2] [P-PAKE3]:
 * a run started where the member answered is found where the requester confirms, and
 * wrong passwords count once for the whole deployment, not once per instance. The same
 * rules as `PasswordGuesses`; starting a run and confirming it are atomic (SET NX).
 */
export class RedisPasswordGuesses implements PasswordGuessBook {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #limits: ServerLimits;

  /** `redis`: a command connection (the bus's publisher); `prefix`: the deployment's. */
  constructor(redis: Redis, prefix: string, limits: ServerLimits) {
    this.#redis = redis;
    this.#prefix = `${prefix}pake:`;
    this.#limits = limits;
  }

  async wait(room: string, requester: string): Promise<number> {
    const now = Date.now();
    const runsKey = this.#runs(room);
    const [, runs, mineCount, roomCount] = (await this.#redis
      .multi()
      .zremrangebyscore(runsKey, '-inf', now - RUN_TTL_MS)
      .zrange(runsKey, 0, -1)
      .hgetall(this.#count(`${room}\n${requester}`))
      .hgetall(this.#count(room))
      .exec()) as [
      unknown,
      [null, string[]],
      [null, Record<string, string>],
      [null, Record<string, string>],
    ];
    const all = runs[1];
    const mine = all.filter((m) => m.slice(m.indexOf('\n') + 1) === requester).length;
    const { passwordTriesPerRequester: perRequester, passwordTriesPerRoom: perRoom } = this.#limits;
    return Math.max(
      backoffWait(countOf(mineCount[1]), perRequester, mine, now, this.#limits),
      backoffWait(countOf(roomCount[1]), perRoom, all.length, now, this.#limits),
    );
  }

  async start(room: string, id: number, requester: string, member: string): Promise<boolean> {
    const now = Date.now();
    const run: PakeRun = { room, id, requester, member, started: now, confirmed: false };
    const set = await this.#redis.set(
      this.#run(room, id),
      JSON.stringify(run),
      'PX',
      RUN_TTL_MS,
      'NX',
    );
    if (set !== 'OK') return false;
    const runsKey = this.#runs(room);
    await this.#redis
      .multi()
      .zadd(runsKey, now, `${id}\n${requester}`)
      .pexpire(runsKey, RUN_TTL_MS)
      .exec();
    return true;
  }

  async run(room: string, id: number): Promise<PakeRun | undefined> {
    const key = this.#run(room, id);
    const [text, confirmed] = await this.#redis.mget(key, `${key}:confirmed`);
    if (!text) return undefined;
    const run = JSON.parse(text) as PakeRun;
    return { ...run, confirmed: confirmed !== null };
  }

  async confirm(run: PakeRun): Promise<boolean> {
    const key = `${this.#run(run.room, run.id)}:confirmed`;
    return (await this.#redis.set(key, '1', 'PX', RUN_TTL_MS, 'NX')) === 'OK';
  }

  async end(run: PakeRun, right: boolean): Promise<void> {
    const key = this.#run(run.room, run.id);
    const ended = this.#redis
      .multi()
      .del(key, `${key}:confirmed`)
      .zrem(this.#runs(run.room), `${run.id}\n${run.requester}`);
    const mine = this.#count(`${run.room}\n${run.requester}`);
    if (right) {
      await ended.del(mine).exec();
      return;
    }
    const now = Date.now();
    for (const count of [mine, this.#count(run.room)]) {
      ended
        .hincrby(count, 'failures', 1)
        .hset(count, 'last', now)
        .pexpire(count, this.#limits.passwordBackoffMaxMs);
    }
    await ended.exec();
  }

  #run(room: string, id: number): string {
    return `${this.#prefix}run:${room}:${id}`;
  }

  #runs(room: string): string {
    return `${this.#prefix}runs:${room}`;
  }

  #count(key: string): string {
    return `${this.#prefix}count:${key}`;
  }
}

function countOf(hash: Record<string, string> | undefined): Count | undefined {
  if (!hash?.failures) return undefined;
  return { failures: Number(hash.failures), last: Number(hash.last ?? 0) };
}
