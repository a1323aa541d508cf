import type { FileSize } from './chunk-sizes.ts';
import type { LoadTiming } from './paint-timing.ts';

/** The goals of issue 14 for the first paint (gzip KB, ms at 4x CPU and Fast 3G). */
export const GOALS = { firstPaintGzipKB: 60, fcpMs: 1500, usableMs: 2500 } as const;

/** Timings of one scenario (median of the runs) in one encoding. */
export type ScenarioResult = {
  readonly scenario: string;
  readonly compressed: boolean;
  readonly runs: readonly LoadTiming[];
};

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/**
 * The chunk table: every script and stylesheet, raw / gzip / brotli, with when it loads:
 * before the first paint, preloaded beside it (a hint in index.html), or on demand.
 */
export function formatChunks(
  chunks: readonly FileSize[],
  firstPaint: ReadonlySet<string>,
  preloaded: ReadonlySet<string>,
): string {
  const lines = [
    `${'file'.padEnd(48)}${'raw KB'.padStart(9)}${'gzip KB'.padStart(9)}${'br KB'.padStart(9)}  loads`,
  ];
  for (const c of chunks) {
    const when = firstPaint.has(c.file)
      ? 'first paint'
      : preloaded.has(c.file)
        ? 'preloaded, after'
        : 'on demand';
    lines.push(
      `${c.file.padEnd(48)}${kb(c.raw).padStart(9)}${kb(c.gzip).padStart(9)}${kb(c.brotli).padStart(9)}  ${when}`,
    );
  }
  return lines.join('\n');
}

/** The first-paint set and its total against the goal. */
export function formatFirstPaint(files: readonly FileSize[]): string {
  const total = files.reduce(
    (s, f) => ({ raw: s.raw + f.raw, gzip: s.gzip + f.gzip, brotli: s.brotli + f.brotli }),
    {
      raw: 0,
      gzip: 0,
      brotli: 0,
    },
  );
  const met = total.gzip / 1024 <= GOALS.firstPaintGzipKB ? 'met' : 'missed';
  return [
    `first paint needs ${files.length} files: ${files.map((f) => f.file).join(', ')}`,
    `first paint total: ${kb(total.raw)} KB raw, ${kb(total.gzip)} KB gzip, ${kb(total.brotli)} KB brotli ` +
      `(goal <= ${GOALS.firstPaintGzipKB} KB gzip: ${met})`,
  ].join('\n');
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Medians per scenario, compressed against uncompressed, with the goals where they apply. */
export function formatTimings(results: readonly ScenarioResult[], throttled: boolean): string {
  const lines = [
    `${'scenario'.padEnd(36)}${'encoding'.padStart(10)}${'FCP ms'.padStart(9)}${'usable ms'.padStart(11)}${'wire KB'.padStart(9)}${'runs'.padStart(6)}`,
  ];
  for (const r of results) {
    lines.push(
      `${r.scenario.padEnd(36)}${(r.compressed ? 'br/gzip' : 'identity').padStart(10)}` +
        `${median(r.runs.map((x) => x.fcpMs))
          .toFixed(0)
          .padStart(9)}` +
        `${median(r.runs.map((x) => x.usableMs))
          .toFixed(0)
          .padStart(11)}` +
        `${kb(median(r.runs.map((x) => x.wireBytes))).padStart(9)}${String(r.runs.length).padStart(6)}`,
    );
  }
  for (const scenario of new Set(results.map((r) => r.scenario))) {
    const on = results.find((r) => r.scenario === scenario && r.compressed);
    const off = results.find((r) => r.scenario === scenario && !r.compressed);
    if (!on) continue;
    const fcp = median(on.runs.map((x) => x.fcpMs));
    const usable = median(on.runs.map((x) => x.usableMs));
    const ratio = off
      ? `; compressed/identity: FCP ${(fcp / median(off.runs.map((x) => x.fcpMs))).toFixed(2)}x, usable ${(usable / median(off.runs.map((x) => x.usableMs))).toFixed(2)}x`
      : '';
    const goals = throttled
      ? ` — FCP goal <= ${GOALS.fcpMs} ms: ${fcp <= GOALS.fcpMs ? 'met' : 'missed'}, usable goal <= ${GOALS.usableMs} ms: ${usable <= GOALS.usableMs ? 'met' : 'missed'}`
      : '';
    lines.push(`${scenario}${goals}${ratio}`);
  }
  return lines.join('\n');
}
