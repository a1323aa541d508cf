/**
 * A mergeable latency histogram with logarithmic buckets (2% wide). Workers each fill one
 * and send its counts to the coordinator, which merges them: storing every sample would
 * mean millions of numbers per run (1,000 receivers x thousands of messages).
 */
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = 1024; // 1.02^1024 us is far beyond any bounded run

export type HistogramData = { counts: number[]; count: number; sumUs: number; maxUs: number };

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private count = 0;
  private sumUs = 0;
  private maxUs = 0;

  /** Records one latency in microseconds. */
  record(us: number): void {
    const value = Math.max(us, 1);
    const index = Math.min(BUCKETS - 1, Math.floor(Math.log(value) / LOG_GROWTH));
    this.counts[index]! += 1;
    this.count += 1;
    this.sumUs += value;
    if (value > this.maxUs) this.maxUs = value;
  }

  get size(): number {
    return this.count;
  }

  /** The latency in milliseconds below which `p` (0..1) of the samples fall. */
  percentileMs(p: number): number {
    if (this.count === 0) return Number.NaN;
    const target = Math.max(1, Math.ceil(p * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      // Upper edge of the bucket, capped by the true maximum: never reports more than seen.
      if (seen >= target) return Math.min(GROWTH ** (i + 1), this.maxUs) / 1000;
    }
    return this.maxUs / 1000;
  }

  meanMs(): number {
    return this.count === 0 ? Number.NaN : this.sumUs / this.count / 1000;
  }

  maxMs(): number {
    return this.maxUs / 1000;
  }

  toJSON(): HistogramData {
    return {
      counts: Array.from(this.counts),
      count: this.count,
      sumUs: this.sumUs,
      maxUs: this.maxUs,
    };
  }

  /** Adds another histogram's samples (from a worker) into this one. */
  merge(data: HistogramData): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i]! += data.counts[i] ?? 0;
    this.count += data.count;
    this.sumUs += data.sumUs;
    if (data.maxUs > this.maxUs) this.maxUs = data.maxUs;
  }
}
