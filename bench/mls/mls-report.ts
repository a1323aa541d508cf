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
      perSize(n, 'encrypt / AES-GCM', 'x', 0, (s, x) => s.messages.encryptMs / x.aead.encryptMs),
      perSize(n, 'decrypt / AES-GCM', 'x', 0, (s, x) => s.messages.decryptMs / x.aead.decryptMs),
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
  return (
    `MLS (ts-mls, MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519): ${r.messages} messages of ` +
    `${r.payloadBytes} bytes, median of ${r.reps} runs (create room and add: of ${Math.max(5, r.reps)})\n` +
    results.map((x) => `  ${x.platform}`).join('\n')
  );
}

const LABEL = 32;

/** The figures of one platform as a table. */
export function formatMlsResult(r: MlsBenchResult): string {
  const lines = [
    header([r]),
    '',
    `${'figure'.padEnd(LABEL)}${'N'.padStart(5)}${'value'.padStart(12)}`,
  ];
  for (const row of rowsFor(r)) {
    const unit = row.unit === 'x' ? 'x' : ` ${row.unit}`;
    lines.push(
      `${row.label.padEnd(LABEL)}${String(row.members ?? '-').padStart(5)}` +
        `${`${fixed(row.pick(r), row.digits)}${unit}`.padStart(12)}`,
    );
  }
  return lines.join('\n');
}

/** Node and Chromium side by side, with the ratio Chromium/Node. */
export function formatMlsComparison(node: MlsBenchResult, chromium: MlsBenchResult): string {
  const lines = [
    header([node, chromium]),
    '',
    `${'figure'.padEnd(LABEL)}${'N'.padStart(5)}${'node'.padStart(12)}${'chromium'.padStart(12)}${'chromium/node'.padStart(15)}`,
  ];
  for (const row of rowsFor(node)) {
    const a = row.pick(node);
    const b = row.pick(chromium);
    const unit = row.unit === 'x' ? 'x' : ` ${row.unit}`;
    const ratio = row.unit === 'B' ? '' : fixed(b / a, 2);
    lines.push(
      `${row.label.padEnd(LABEL)}${String(row.members ?? '-').padStart(5)}` +
        `${`${fixed(a, row.digits)}${unit}`.padStart(12)}${`${fixed(b, row.digits)}${unit}`.padStart(12)}` +
        `${ratio.padStart(15)}`,
    );
  }
  return lines.join('\n');
}
