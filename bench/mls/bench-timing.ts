/**
 * Timing helpers shared by the MLS scenarios. Platform-neutral: `performance.now()` exists
 * in Node and in browsers, so the same code measures both.
 */

/** Runs `fn` and returns its result and the wall time it took, in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/** The median of some samples (the mean of the middle two for an even count). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Repeats a timed measurement `reps` times; returns the median and the last result. */
export async function medianOf<T>(
  reps: number,
  fn: () => Promise<{ value: T; ms: number }>,
): Promise<{ value: T; ms: number }> {
  const samples: number[] = [];
  let last: { value: T; ms: number } | undefined;
  for (let i = 0; i < Math.max(1, reps); i++) {
    last = await fn();
    samples.push(last.ms);
  }
  return { value: last!.value, ms: median(samples) };
}
