import type { LoadResult } from './load-result.ts';

const MB = 1024 * 1024;

function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** Server CPU microseconds per unit of work (a connection, a delivery). */
function cpuUsPer(cpuMs: number, count: number): number {
  return count > 0 ? (cpuMs * 1000) / count : Number.NaN;
}

/** The figures of one run, one `name: value` per line (for bench/load.ts on its own). */
export function formatResult(r: LoadResult): string {
  const p = (h: LoadResult['latency'], q: number) => fixed(h.percentileMs(q), 2);
  const lines = [
    `connected        ${r.connected} (${r.failed} failed) in ${fixed(r.connectMs, 0)} ms`,
    `server RSS       ${fixed(r.rssBefore / MB)} MB idle, ${fixed(r.rssConnected / MB)} MB connected, ${fixed(r.rssAfter / MB)} MB after load`,
    `RSS/connection   ${fixed(r.rssPerConnection / 1024)} KB`,
    `server CPU       ${fixed(r.connectCpuMs, 0)} ms to connect all (${fixed(cpuUsPer(r.connectCpuMs, r.connected), 0)} us each)`,
  ];
  if (r.sent > 0) {
    lines.push(
      `published        ${r.sent} messages, expected ${r.expected} deliveries`,
      `delivered        ${r.delivered} (${fixed((100 * r.delivered) / r.expected)}%), ${fixed(r.deliveredPerSec, 0)} msg/s`,
      `latency          p50 ${p(r.latency, 0.5)} ms, p99 ${p(r.latency, 0.99)} ms, max ${fixed(r.latency.maxMs())} ms`,
      `ack latency      p50 ${p(r.ackLatency, 0.5)} ms, p99 ${p(r.ackLatency, 0.99)} ms`,
      `server CPU load  ${fixed(r.loadCpuMs, 0)} ms (${fixed(cpuUsPer(r.loadCpuMs, r.delivered), 2)} us per delivery)`,
    );
  }
  if (r.failures.length > 0) lines.push(`connect failures ${r.failures.join('; ')}`);
  const errors = Object.entries(r.errors).map(([code, n]) => `${code} x${n}`);
  if (errors.length > 0 || r.closes > 0) {
    lines.push(`errors           ${errors.join(', ') || 'none'}; ${r.closes} closed`);
  }
  return lines.join('\n');
}

type Row = { label: string; pick: (r: LoadResult) => number; digits: number; unit: string };

const row = (label: string, pick: Row['pick'], digits: number, unit = ''): Row => ({
  label,
  pick,
  digits,
  unit,
});

const IDLE_ROWS: Row[] = [
  row('connections', (r) => r.connected, 0),
  row('time to connect all', (r) => r.connectMs, 0, 'ms'),
  row('RSS per connection', (r) => r.rssPerConnection / 1024, 1, 'KB'),
  row('server RSS connected', (r) => r.rssConnected / MB, 1, 'MB'),
  row('server CPU per connect', (r) => cpuUsPer(r.connectCpuMs, r.connected), 0, 'us'),
];

const LOAD_ROWS: Row[] = [
  row('delivered msg/s', (r) => r.deliveredPerSec, 0),
  row('delivered %', (r) => (100 * r.delivered) / r.expected, 1, '%'),
  row('latency p50', (r) => r.latency.percentileMs(0.5), 2, 'ms'),
  row('latency p99', (r) => r.latency.percentileMs(0.99), 2, 'ms'),
  row('ack p50', (r) => r.ackLatency.percentileMs(0.5), 2, 'ms'),
  row('server CPU per delivery', (r) => cpuUsPer(r.loadCpuMs, r.delivered), 2, 'us'),
  row('RSS per connection', (r) => r.rssPerConnection / 1024, 1, 'KB'),
  row('time to connect all', (r) => r.connectMs, 0, 'ms'),
];

function ratio(yam: number, bare: number): string {
  return Number.isFinite(yam) && Number.isFinite(bare) && bare !== 0
    ? `${(yam / bare).toFixed(2)}x`
    : 'n/a';
}

/** Yam next to the bare baseline, with the ratio ours/bare for each figure. */
export function formatComparison(yam: LoadResult, bare: LoadResult, idle: boolean): string {
  const cell = (r: Row, result: LoadResult) =>
    `${fixed(r.pick(result), r.digits)} ${r.unit}`.trim();
  const table = [
    ['', 'yam', 'bare ws', 'yam/bare'],
    ...(idle ? IDLE_ROWS : LOAD_ROWS).map((r) => [
      r.label,
      cell(r, yam),
      cell(r, bare),
      ratio(r.pick(yam), r.pick(bare)),
    ]),
  ];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((line) => line[c]!.length)));
  const pad = (text: string, c: number) =>
    c === 0 ? text.padEnd(widths[c]!) : text.padStart(widths[c]!);
  return table.map((line) => line.map(pad).join('   ')).join('\n');
}
