import { TokenBucket } from '../rate-limit.ts';
import type { RelayContext } from './context.ts';

/** Serves one page and resolves with its bytes once the page has left the send buffer. */
export type PageTask = () => Promise<number>;

/** The WebSocket's side the lane watches: its send buffer and whether it is open. */
export type LaneSocket = { readonly bufferedAmount: number; readonly readyState: number };

const OPEN = 1;

/**
 * One connection's history pages, one at a time. [P-HIST3] A page is read from storage
 * only when the previous one has left the socket (backpressure: a slow reader holds at
 * most one page in memory) and the connection's and its IP's budgets of bytes served are
 * out of debt (pacing: a request waits, it is not refused). Too many waiting requests
 * is a flood: enqueue() then returns undefined.
 */
export class HistoryLane {
  readonly #socket: LaneSocket;
  readonly #ip: string;
  readonly #ctx: RelayContext;
  readonly #bytes: TokenBucket;
  readonly #maxQueued: number;
  readonly #lowWater: number;
  #tail: Promise<void> = Promise.resolve();
  #queued = 0;

  constructor(socket: LaneSocket, ip: string, ctx: RelayContext) {
    const { limits } = ctx;
    this.#socket = socket;
    this.#ip = ip;
    this.#ctx = ctx;
    this.#bytes = new TokenBucket(limits.historyBytesPerSec, limits.historyBurstBytes);
    this.#maxQueued = limits.maxQueuedHistoryRequests;
    this.#lowWater = limits.maxHistoryPageBytes;
  }

  /** Queues a page; undefined when too many are waiting already. */
  enqueue(task: PageTask): Promise<void> | undefined {
    if (this.#queued >= this.#maxQueued) return undefined;
    this.#queued++;
    const run = this.#tail.then(async () => {
      try {
        if (!(await this.#waitForBudget())) return;
        const bytes = await task();
        this.#bytes.charge(bytes);
        this.#ctx.ipHistoryBytes.charge(this.#ip, bytes);
        this.#ctx.metrics.historyBytes.inc(bytes);
      } finally {
        this.#queued--;
      }
    });
    this.#tail = run.catch(() => {});
    return run;
  }

  /** Waits for the send buffer to drain and the byte budgets; false when the socket went away. */
  async #waitForBudget(): Promise<boolean> {
    for (;;) {
      // Closed, or shutting down: queued pages are dropped.
      if (this.#socket.readyState !== OPEN || this.#ctx.isShuttingDown()) return false;
      const wait = Math.max(
        this.#bytes.readyIn(),
        this.#ctx.ipHistoryBytes.readyIn(this.#ip),
        // Live frames fill the buffer too: no new page until they are out.
        this.#socket.bufferedAmount > this.#lowWater ? 10 : 0,
      );
      if (wait === 0) return true;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
