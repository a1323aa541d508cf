import type pg from 'pg';
import type { AppendInput, AppendResult } from '../storage.ts';
import type { KeyedLanes } from './keyed-lanes.ts';
import { inTransaction, rows } from './pg-pool.ts';

/**
 * One statement per message: the duplicate check, the room's next seq (the upsert locks the
 * room's row until COMMIT, so seqs are gap-free and commit in order across servers) and the
 * insert. Inside a batch's transaction, each statement sees the ones before it, so a
 * duplicate within the batch is found too. [P-SEQ1] [P-MSG3] [P-MSG4]
 */
const APPEND = `
  WITH dup AS (
    SELECT seq, ts FROM messages WHERE room = $1 AND client_id = $2 AND cmid = $3
  ), bump AS (
    INSERT INTO rooms AS r (room, head) SELECT $1, 1 WHERE NOT EXISTS (SELECT 1 FROM dup)
    ON CONFLICT (room) DO UPDATE SET head = r.head + 1 RETURNING head
  ), ins AS (
    INSERT INTO messages (room, seq, client_id, cmid, ts, payload)
    SELECT $1, head, $2, $3, $4::bigint, $5::bytea FROM bump RETURNING seq, ts
  )
  SELECT seq, ts, false AS duplicate FROM ins UNION ALL SELECT seq, ts, true FROM dup`;

const UNIQUE_VIOLATION = '23505';
const MAX_BATCH = 200;
const ATTEMPTS = 3;

type Waiter = {
  input: AppendInput;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
};

/**
 * Group commit of a room's app messages: appends that arrive while the room's lane is busy
 * wait in one batch and are stored in one transaction (one COMMIT, one WAL flush), each
 * acknowledged only after it. A commit sealing the room starts a new batch behind it, so
 * the log keeps arrival order.
 */
export class PgRoomAppends {
  readonly #pool: pg.Pool;
  readonly #lanes: KeyedLanes;
  readonly #open = new Map<string, Waiter[]>();

  constructor(pool: pg.Pool, lanes: KeyedLanes) {
    this.#pool = pool;
    this.#lanes = lanes;
  }

  append(input: AppendInput): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      const waiter = { input, resolve, reject };
      const open = this.#open.get(input.room);
      if (open && open.length < MAX_BATCH) {
        open.push(waiter);
        return;
      }
      const batch = [waiter];
      this.#open.set(input.room, batch);
      void this.#lanes.run(`room:${input.room}`, () => {
        if (this.#open.get(input.room) === batch) this.#open.delete(input.room);
        return this.#store(batch);
      });
    });
  }

  /** Appends to the room from now on go in a new batch, after what the lane holds now. */
  seal(room: string): void {
    this.#open.delete(room);
  }

  /** Stores a batch and settles each waiter; never throws. */
  async #store(batch: Waiter[]): Promise<void> {
    if (batch.length === 1) {
      await settle(batch[0]!, () => this.#one(batch[0]!.input));
      return;
    }
    try {
      const results = await this.#retry(() =>
        inTransaction(this.#pool, async (db) => {
          const stored: AppendResult[] = [];
          for (const { input } of batch) stored.push(await appendIn(db, input));
          return stored;
        }),
      );
      for (const [i, w] of batch.entries()) w.resolve(results[i]!);
    } catch {
      // One bad message must not fail the others: each alone, with its own error.
      for (const waiter of batch) await settle(waiter, () => this.#one(waiter.input));
    }
  }

  #one(input: AppendInput): Promise<AppendResult> {
    return this.#retry(() => appendIn(this.#pool, input));
  }

  /**
   * The same cmid committed by another server after a statement's snapshot fails the
   * unique index: run again, and the duplicate check finds it.
   */
  async #retry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code !== UNIQUE_VIOLATION || attempt >= ATTEMPTS) throw error;
      }
    }
  }
}

async function appendIn(db: pg.Pool | pg.PoolClient, input: AppendInput): Promise<AppendResult> {
  const { room, from, cmid, ts, payload } = input;
  const [row] = await rows<AppendResult>(db, APPEND, [room, from, cmid, ts, payload]);
  return row!;
}

async function settle(waiter: Waiter, work: () => Promise<AppendResult>): Promise<void> {
  try {
    waiter.resolve(await work());
  } catch (error) {
    waiter.reject(error);
  }
}
