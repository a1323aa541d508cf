/**
 * Data-channel transfer speed between two Chromium pages (two contexts of one headless
 * browser), signalled through `page.evaluate`: direct over loopback host candidates, then
 * relayed (`iceTransportPolicy: 'relay'`) through our TURN and through coturn.
 *   node bench/turn/datachannel-bench.ts [--mb 100 --chunk 65536 --only direct,ours,coturn]
 *   [--dc-reps 1]
 */
import { parseArgs } from 'node:util';
import { type Browser, chromium } from '@playwright/test';
import { issueTurnCredentials } from '@yam/server';
import { readUdpDrops } from '../proc-stats.ts';
import { killChildrenOnSignals } from './child-process.ts';
import { acceptAnswer, closePeer, createPeer, sendBytes, waitDone } from './datachannel-page.ts';
import { type BenchTurnServer, startTurnServer } from './turn-servers.ts';

export type DataChannelMode = 'direct' | 'ours' | 'coturn';

export type DataChannelOptions = {
  modes: DataChannelMode[];
  megabytes: number;
  chunk: number;
  /** Runs per mode, interleaved (direct, ours, coturn, direct, ...); the fastest is kept. */
  reps: number;
};

export type DataChannelResult = {
  mode: DataChannelMode;
  /** The local candidate type of the pair in use: `host` direct, `relay` through TURN. */
  candidate: string;
  megabytes: number;
  seconds: number;
  mbPerSec: number;
  /** Datagrams dropped on full receive buffers during the transfer: the TURN server's sockets. */
  serverDrops: number | undefined;
  /** The same on every UDP socket of the machine (the browsers' too; others' may count). */
  allDrops: number;
};

export const DATACHANNEL_FLAGS = {
  mb: { type: 'string', default: '100' },
  chunk: { type: 'string', default: '65536' },
  only: { type: 'string', default: 'direct,ours,coturn' },
  'dc-reps': { type: 'string', default: '1' },
} as const;

/** Options from parsed DATACHANNEL_FLAGS values. */
export function dataChannelOptionsFrom(values: Record<string, string | boolean | undefined>) {
  return {
    modes: String(values.only).split(',') as DataChannelMode[],
    megabytes: Number(values.mb),
    chunk: Number(values.chunk),
    reps: Number(values['dc-reps']),
  } satisfies DataChannelOptions;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Direct mode: gather host candidates on loopback, as raw IPs rather than mDNS names.
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];
const SECRET = 'S';
// One transfer never runs longer than this, whatever the relay does.
const TRANSFER_TIMEOUT_MS = 180_000;

/** Runs each mode once in one browser; TURN servers run only for their own mode. */
export async function runDataChannelBench(
  options: DataChannelOptions,
): Promise<DataChannelResult[]> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const best = new Map<DataChannelMode, DataChannelResult>();
  try {
    for (let rep = 0; rep < options.reps; rep++) {
      for (const mode of options.modes) {
        const server = mode === 'direct' ? undefined : await startTurnServer(mode, SECRET);
        try {
          const result = await transfer(browser, mode, server, options);
          const prev = best.get(mode);
          if (!prev || result.mbPerSec > prev.mbPerSec) best.set(mode, result);
        } finally {
          await server?.stop();
        }
      }
    }
  } finally {
    await browser.close();
  }
  return options.modes.map((mode) => best.get(mode)!);
}

function configFor(server: BenchTurnServer | undefined, who: string): RTCConfiguration {
  if (!server) return { iceServers: [] };
  const { username, credential } = issueTurnCredentials(server.secret, who, 600);
  return {
    iceTransportPolicy: 'relay',
    iceServers: [{ urls: [`turn:127.0.0.1:${server.port}?transport=udp`], username, credential }],
  };
}

async function transfer(
  browser: Browser,
  mode: DataChannelMode,
  server: BenchTurnServer | undefined,
  options: DataChannelOptions,
): Promise<DataChannelResult> {
  const total = Math.round(options.megabytes * 1_000_000);
  const contexts = [await browser.newContext(), await browser.newContext()];
  try {
    const [a, b] = await Promise.all(contexts.map((c) => c.newPage()));
    if (!a || !b) throw new Error('no page');
    const work = async () => {
      const offer = await a.evaluate(createPeer, {
        config: configFor(server, 'a'),
        expectBytes: total,
      });
      const answer = await b.evaluate(createPeer, {
        config: configFor(server, 'b'),
        offer,
        expectBytes: total,
      });
      const candidate = await a.evaluate(acceptAnswer, answer);
      const done = b.evaluate(waitDone);
      const serverPid = server?.pid;
      const dropsBefore = [await readUdpDrops(serverPid), await readUdpDrops()];
      const start = await a.evaluate(sendBytes, {
        total,
        chunk: options.chunk,
        high: 4 * 1024 * 1024,
      });
      const end = await done;
      const dropsAfter = [await readUdpDrops(serverPid), await readUdpDrops()];
      await Promise.all([a.evaluate(closePeer), b.evaluate(closePeer)]);
      const seconds = (end - start) / 1000;
      return {
        mode,
        candidate,
        megabytes: total / 1e6,
        seconds,
        mbPerSec: total / 1e6 / seconds,
        serverDrops: serverPid === undefined ? undefined : dropsAfter[0]! - dropsBefore[0]!,
        allDrops: dropsAfter[1]! - dropsBefore[1]!,
      };
    };
    return await withTimeout(work(), TRANSFER_TIMEOUT_MS, `${mode} transfer`);
  } finally {
    await Promise.allSettled(contexts.map((c) => c.close()));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One row per mode, then each relay's speed as a ratio of direct and ours/coturn. */
export function formatDataChannelResults(results: DataChannelResult[]): string {
  const rows = results.map(
    (r) =>
      `datachannel ${r.mode.padEnd(7)} (${r.candidate.padEnd(5)}) ${r.megabytes.toFixed(0)} MB in ` +
      `${r.seconds.toFixed(2)} s  ${r.mbPerSec.toFixed(1).padStart(7)} MB/s  udp drops: ` +
      `${r.serverDrops === undefined ? '' : `server ${r.serverDrops}, `}all ${r.allDrops}`,
  );
  const by = (m: DataChannelMode) => results.find((r) => r.mode === m)?.mbPerSec;
  const direct = by('direct');
  const ours = by('ours');
  const coturn = by('coturn');
  if (direct && ours) rows.push(`datachannel ours/direct   ${(ours / direct).toFixed(2)}`);
  if (direct && coturn) rows.push(`datachannel coturn/direct ${(coturn / direct).toFixed(2)}`);
  if (ours && coturn) rows.push(`datachannel ours/coturn   ${(ours / coturn).toFixed(2)}`);
  return rows.join('\n');
}

if (import.meta.main) {
  killChildrenOnSignals();
  const { values } = parseArgs({ options: DATACHANNEL_FLAGS });
  console.log(formatDataChannelResults(await runDataChannelBench(dataChannelOptionsFrom(values))));
}
