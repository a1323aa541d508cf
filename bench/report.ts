import type { LoadResult } from './load-result.ts';

const MB = 1024 * 1024;

function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** Server CPU microseconds per unit of work (a connection, a delivery). */
function cpuUsPer(cpuMs: number, count: number): number {
  return count > 0 ? (cpuMs * 1000) / count : Number.NaN;
}

/** Deliveries per second of server CPU time: the throughput one core would reach. */
function perCpuSecond(r: LoadResult): number {
  return r.loadCpuMs > 0 ? r.delivered / (r.loadCpuMs / 1000) : Number.NaN;
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
      `server CPU load  ${fixed(r.loadCpuMs, 0)} ms (${fixed(cpuUsPer(r.loadCpuMs, r.delivered), 2)} us per delivery, ${fixed(perCpuSecond(r), 0)} deliveries per CPU-second)`,
      `event-loop delay p99 ${fixed(r.loopDelayP99Ms, 2)} ms (server, while publishing)`,
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
  row('event-loop delay p99', (r) => r.loopDelayP99Ms, 2, 'ms'),
  row('server CPU per delivery', (r) => cpuUsPer(r.loadCpuMs, r.delivered), 2, 'us'),
  row('deliveries per CPU-second', perCpuSecond, 0),
  row('RSS per connection', (r) => r.rssPerConnection / 1024, 1, 'KB'),
  row('time to connect all', (r) => r.connectMs, 0, 'ms'),
];

function ratio(yam: number, other: number): string {
  return Number.isFinite(yam) && Number.isFinite(other) && other !== 0
    ? `${(yam / other).toFixed(2)}x`
    : 'n/a';
}

function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One server's runs (one per round) under its column name. */
export type Side = { name: string; runs: LoadResult[] };

/**
 * Every server side by side, each figure the median over its rounds, then the ratio of the
 * first side (Yam) to each other side. With one round the medians are the figures.
 */
export function formatComparison(sides: Side[], idle: boolean): string {
  const [first, ...others] = sides;
  if (!first) return '';
  const value = (r: Row, side: Side) => median(side.runs.map(r.pick));
  const cell = (r: Row, side: Side) => `${fixed(value(r, side), r.digits)} ${r.unit}`.trim();
  const table = [
    ['', ...sides.map((s) => s.name), ...others.map((o) => `${first.name}/${o.name}`)],
    ...(idle ? IDLE_ROWS : LOAD_ROWS).map((r) => [
      r.label,
      ...sides.map((side) => cell(r, side)),
      ...others.map((o) => ratio(value(r, first), value(r, o))),
    ]),
  ];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((line) => line[c]!.length)));
  const pad = (text: string, c: number) =>
    c === 0 ? text.padEnd(widths[c]!) : text.padStart(widths[c]!);
  return table.map((line) => line.map(pad).join('   ')).join('\n');
}
