import type { MlsBenchResult, MlsSizeResult } from './mls-scenarios.ts';

/** One printed figure: how to read it from a result, and its unit. */
type Row = {
  readonly label: string;
  readonly members: number | undefined;
  readonly unit: string;
  readonly digits: number;
  readonly pick: (r: MlsBenchResult) => number;
};

function sizeOf(r: MlsBenchResult, members: number): MlsSizeResult | undefined {
  return r.sizes.find((s) => s.members === members);
}

function perSize(
  members: number,
  label: string,
  unit: string,
  digits: number,
  pick: (s: MlsSizeResult, r: MlsBenchResult) => number,
): Row {
  return {
    label,
    members,
    unit,
    digits,
    pick: (r) => {
      const s = sizeOf(r, members);
      return s === undefined ? Number.NaN : pick(s, r);
    },
  };
}

/** The rows of the report, in print order, for the sizes the first result measured. */
function rowsFor(r: MlsBenchResult): Row[] {
  const m = r.messages;
  const rows: Row[] = [
    {
      label: 'create room',
      members: undefined,
      unit: 'ms',
      digits: 2,
      pick: (x) => x.createRoomMs,
    },
    {
      label: `AES-GCM encrypt ${m} (baseline)`,
      members: undefined,
      unit: 'ms',
      digits: 2,
      pick: (x) => x.aead.encryptMs,
    },
    {
      label: `AES-GCM decrypt ${m} (baseline)`,
      members: undefined,
      unit: 'ms',
      digits: 2,
      pick: (x) => x.aead.decryptMs,
    },
  ];
  for (const { members: n } of r.sizes) {
    rows.push(
      perSize(n, 'add: commit + Welcome', 'ms', 1, (s) => s.add.commitMs),
      perSize(n, 'add: joiner joins', 'ms', 1, (s) => s.add.joinMs),
      perSize(n, 'add: 1 member processes', 'ms', 1, (s) => s.add.processMs),
      perSize(n, `encrypt ${m} (1 sender)`, 'ms', 0, (s) => s.messages.encryptMs),
      perSize(n, `decrypt ${m} (1 receiver)`, 'ms', 0, (s) => s.messages.decryptMs),
      perSize(
        n,
        'encrypt + decrypt',
        'msg/s',
        0,
        (s) => (1000 * m) / (s.messages.encryptMs + s.messages.decryptMs),
      ),
      perSize(n, 'encrypt / AES-GCM', 'x', 0, (s, x) => s.messages.encryptMs / x.aead.encryptMs),
      perSize(n, 'decrypt / AES-GCM', 'x', 0, (s, x) => s.messages.decryptMs / x.aead.decryptMs),
      perSize(n, 'save/msg: whole group', 'ms', 2, (s) => s.save.wholeMs),
      perSize(n, 'save/msg: core only', 'ms', 2, (s) => s.save.coreMs),
      perSize(n, 'saved/msg: whole group', 'B', 0, (s) => s.save.wholeBytes),
      perSize(n, 'saved/msg: core only', 'B', 0, (s) => s.save.coreBytes),
      perSize(n, 'commit size', 'B', 0, (s) => s.add.commitBytes),
      perSize(n, 'Welcome size', 'B', 0, (s) => s.add.welcomeBytes),
    );
  }
  return rows;
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

function header(results: readonly MlsBenchResult[]): string {
  const r = results[0]!;
  const platforms = [...new Set(results.map((x) => x.platform))];
  return (
    `MLS (ts-mls, MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519): ${r.messages} messages of ` +
    `${r.payloadBytes} bytes, median of ${r.reps} runs (create room and add: of ${Math.max(5, r.reps)})\n` +
    platforms.map((p) => `  ${p}`).join('\n') +
    '\n  web-crypto: Ed25519 through crypto.subtle; pure-js: Ed25519 through @noble/curves' +
    '\n  (both: AES-GCM through Web Crypto, SHA-256/HMAC/HKDF in pure JS, HPKE X25519 by @hpke/core)'
  );
}

const LABEL = 32;
const COLUMN = 13;

/** A column of the table: one result, or the ratio of two results of the same platform. */
type Column = { readonly title: string; readonly value: (row: Row) => string };

function shortPlatform(platform: string): string {
  return platform.split(' ')[0]!.toLowerCase();
}

function columnsFor(results: readonly MlsBenchResult[]): Column[] {
  const columns: Column[] = [];
  const platforms = [...new Set(results.map((x) => x.platform))];
  for (const platform of platforms) {
    const mine = results.filter((x) => x.platform === platform);
    for (const r of mine) {
      columns.push({
        title: `${shortPlatform(platform)} ${r.path === 'web-crypto' ? 'wc' : 'js'}`,
        value: (row) =>
          `${fixed(row.pick(r), row.digits)}${row.unit === 'x' ? 'x' : ` ${row.unit}`}`,
      });
    }
    const web = mine.find((x) => x.path === 'web-crypto');
    const pure = mine.find((x) => x.path === 'pure-js');
    if (web !== undefined && pure !== undefined) {
      columns.push({
        title: 'wc/js',
        value: (row) => (row.unit === 'B' ? '' : fixed(row.pick(web) / row.pick(pure), 2)),
      });
    }
  }
  return columns;
}

/**
 * Every result side by side (a column per platform and path), with the ratio Web Crypto /
 * pure JS for each platform that ran both paths.
 */
export function formatMlsTable(results: readonly MlsBenchResult[]): string {
  const columns = columnsFor(results);
  const lines = [
    header(results),
    '',
    `${'figure'.padEnd(LABEL)}${'N'.padStart(5)}${columns.map((c) => c.title.padStart(COLUMN)).join('')}`,
  ];
  for (const row of rowsFor(results[0]!)) {
    lines.push(
      `${row.label.padEnd(LABEL)}${String(row.members ?? '-').padStart(5)}` +
        columns.map((c) => c.value(row).padStart(COLUMN)).join(''),
    );
  }
  return lines.join('\n');
}
