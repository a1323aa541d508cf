import type { TransferProgress } from './transfer-messages.ts';

/** Speed over a sliding window of recent samples, and the time left at that speed. */
export class ProgressMeter {
  readonly #total: number;
  readonly #windowMs: number;
  #samples: { at: number; bytes: number }[] = [];
  #bytes = 0;

  constructor(total: number, windowMs = 2_000) {
    this.#total = total;
    this.#windowMs = windowMs;
  }

  /** Records the byte count reached now. */
  update(bytes: number, now = Date.now()): void {
    // A resume can move backwards: the speed of the old stretch means nothing now.
    if (bytes < this.#bytes) this.#samples = [];
    this.#bytes = bytes;
    this.#samples.push({ at: now, bytes });
    while (this.#samples.length > 2 && now - (this.#samples[1]?.at ?? now) > this.#windowMs) {
      this.#samples.shift();
    }
  }

  snapshot(now = Date.now()): TransferProgress {
    const first = this.#samples[0];
    const elapsed = first ? (now - first.at) / 1000 : 0;
    const bytesPerSec = first && elapsed > 0 ? (this.#bytes - first.bytes) / elapsed : 0;
    const left = this.#total - this.#bytes;
    return {
      bytes: this.#bytes,
      total: this.#total,
      bytesPerSec,
      etaSec: left === 0 ? 0 : bytesPerSec > 0 ? left / bytesPerSec : undefined,
    };
  }
}
