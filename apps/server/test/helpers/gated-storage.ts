import type {
  AppendInput,
  AppendResult,
  HistoryPage,
  HistoryQuery,
  Storage,
} from '../../src/storage/storage.ts';

/**
 * A real storage whose appends wait at a gate until the test opens it, so a test can
 * observe the server while a write is in flight. Reads pass straight through.
 */
export class GatedStorage implements Storage {
  readonly inner: Storage;
  /** Appends that reached the gate and are waiting. */
  waiting = 0;
  #open = false;
  #release: (() => void)[] = [];

  constructor(inner: Storage) {
    this.inner = inner;
  }

  async append(input: AppendInput): Promise<AppendResult> {
    if (!this.#open) {
      this.waiting++;
      await new Promise<void>((resolve) => this.#release.push(resolve));
      this.waiting--;
    }
    return this.inner.append(input);
  }

  /** Lets every waiting and future append through. */
  open(): void {
    this.#open = true;
    for (const release of this.#release.splice(0)) release();
  }

  head(room: string): Promise<number> {
    return this.inner.head(room);
  }

  history(room: string, query: HistoryQuery): Promise<HistoryPage> {
    return this.inner.history(room, query);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Waits until `condition` holds, checking every few ms. */
export async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
