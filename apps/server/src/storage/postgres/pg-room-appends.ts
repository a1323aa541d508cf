import type pg from 'pg';
import type { AppendInput, AppendResult } from '../storage.ts';
import type { KeyedLanes } from './keyed-lanes.ts';
import { rows } from './pg-pool.ts';

/**
 * One statement stores a whole batch of one room's messages: it finds those stored before
 * (and repeats inside the batch: the first one counts), moves the room's head by the number
 * of new ones (the upsert locks the room's row until COMMIT, so seqs are gap-free and commit
 * in order across servers) and inserts them in batch order. One row per input, in order.
 * [P-SEQ1] [P-MSG3] [P-MSG4]
 */
const APPEND_BATCH = `
  WITH input AS (
    SELECT * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bytea[])
      WITH ORDINALITY AS t(client_id, cmid, ts, payload, n)
  ), dup AS (
    SELECT i.n, m.seq, m.ts FROM input i
    JOIN messages m ON m.room = $1 AND m.client_id = i.client_id AND m.cmid = i.cmid
  ), fresh AS (
    SELECT DISTINCT ON (client_id, cmid) * FROM input i
    WHERE NOT EXISTS (SELECT 1 FROM dup d WHERE d.n = i.n) ORDER BY client_id, cmid, n
  ), numbered AS (
    SELECT f.*, row_number() OVER (ORDER BY n) AS k, count(*) OVER () AS total FROM fresh f
  ), bump AS (
    INSERT INTO rooms AS r (room, head) SELECT $1, count(*) FROM numbered HAVING count(*) > 0
    ON CONFLICT (room) DO UPDATE SET head = r.head + excluded.head RETURNING head
  ), ins AS (
    INSERT INTO messages (room, seq, client_id, cmid, ts, payload)
    SELECT $1, b.head - nb.total + nb.k, nb.client_id, nb.cmid, nb.ts, nb.payload
    FROM numbered nb CROSS JOIN bump b RETURNING seq, client_id, cmid, ts
  )
  SELECT i.n, coalesce(d.seq, x.seq) AS seq, coalesce(d.ts, x.ts) AS ts,
    (d.n IS NOT NULL OR x.first <> i.n) AS duplicate
  FROM input i
  LEFT JOIN dup d ON d.n = i.n
  LEFT JOIN (
    SELECT ins.seq, ins.ts, ins.client_id, ins.cmid, nb.n AS first FROM ins
    JOIN numbered nb ON nb.client_id = ins.client_id AND nb.cmid = ins.cmid
  ) x ON d.n IS NULL AND x.client_id = i.client_id AND x.cmid = i.cmid
  ORDER BY i.n`;

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
 * wait in one batch and are stored by one statement (one round trip, one COMMIT, one WAL
 * flush), each
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
    try {
      const results = await this.#retry(() =>
        appendAll(
          this.#pool,
          batch.map((w) => w.input),
        ),
      );
      for (const [i, w] of batch.entries()) w.resolve(results[i]!);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One bad message must not fail the others: each alone, with its own error.
      for (const waiter of batch) {
        await settle(waiter, async () => {
          const [one] = await this.#retry(() => appendAll(this.#pool, [waiter.input]));
          return one!;
        });
      }
    }
  }

  /**
   * The same cmid committed by another server after the statement's snapshot fails the
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

/** Stores one room's messages in one statement (so one transaction); results in input order. */
async function appendAll(pool: pg.Pool, inputs: AppendInput[]): Promise<AppendResult[]> {
  const found = await rows<AppendResult & { n: number }>(pool, APPEND_BATCH, [
    inputs[0]!.room,
    inputs.map((i) => i.from),
    inputs.map((i) => i.cmid),
    inputs.map((i) => i.ts),
    inputs.map((i) => Buffer.from(i.payload.buffer, i.payload.byteOffset, i.payload.byteLength)),
  ]);
  return found.map(({ seq, ts, duplicate }) => ({ seq, ts, duplicate }));
}

async function settle(waiter: Waiter, work: () => Promise<AppendResult>): Promise<void> {
  try {
    waiter.resolve(await work());
  } catch (error) {
    waiter.reject(error);
  }
}
