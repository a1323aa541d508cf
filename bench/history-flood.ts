/**
 * The history flood of issue 10, as a bench: a room of 128 KiB messages, then a few
 * connections of one IP asking for full history pages within the frame rate limit
 * (`--flooders` x `--flood-rate` hist/s), while `--listeners` well-behaved clients of the
 * same IP chat in another room. Reports the listeners' delivery (share delivered, p50/p99)
 * in a quiet phase and under the flood, the p99 ratio flood/quiet, their errors and
 * closes, the pages the flooders got, and the server's peak RSS in each phase.
 * Runs the real server (yam-server.ts --default-limits) in a child process.
 *
 *   node bench/history-flood.ts [--messages 100] [--flooders 5] [--flood-rate 18]
 *                               [--listeners 20] [--rate 20] [--seconds 8]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { BenchClient, type ClientSink, clientIdOf } from './bench-client.ts';
import { startChildServer } from './child-server.ts';
import { LatencyHistogram } from './latency-histogram.ts';
import { readRss } from './proc-stats.ts';
import { claimRooms } from './room-claims.ts';
import { nowUs, TimestampPayload } from './timestamp-payload.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '100' },
    flooders: { type: 'string', default: '5' },
    'flood-rate': { type: 'string', default: '18' },
    listeners: { type: 'string', default: '20' },
    rate: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '8' },
  },
});
const MESSAGES = Number(values.messages);
const FLOODERS = Number(values.flooders);
const FLOOD_RATE = Number(values['flood-rate']);
const LISTENERS = Number(values.listeners);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const FILLERS = 4;
const BIG = 128 * 1024;
const CONNECT_MS = 30_000;

type Phase = {
  name: string;
  histogram: LatencyHistogram;
  sent: number;
  errors: Record<string, number>;
  closes: number;
  pages: number;
  pageBytes: number;
  peakRss: number;
};
const newPhase = (name: string): Phase => ({
  name,
  histogram: new LatencyHistogram(),
  sent: 0,
  errors: {},
  closes: 0,
  pages: 0,
  pageBytes: 0,
  peakRss: 0,
});

let phase = newPhase('setup');
const listenerSink: ClientSink = {
  onMessage: (sentUs, receivedUs) => phase.histogram.record(receivedUs - sentUs),
  onAck() {},
  onError: (code) => {
    phase.errors[code] = (phase.errors[code] ?? 0) + 1;
  },
  onClose: () => {
    phase.closes++;
  },
};
const flooderSink: ClientSink = {
  onMessage() {},
  onAck() {},
  onError: (code) => {
    phase.errors[`flooder ${code}`] = (phase.errors[`flooder ${code}`] ?? 0) + 1;
  },
  onClose() {},
  onHistory: (bytes) => {
    phase.pages++;
    phase.pageBytes += bytes;
  },
};
let fillAcks = 0;
const fillerSink: ClientSink = {
  onMessage() {},
  onAck: () => {
    fillAcks++;
  },
  onError: (code) => console.error(`filler error ${code}`),
  onClose() {},
};

const seed = () => randomBytes(32).toString('base64url');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const server = await startChildServer('yam-server.ts', ['--default-limits']);
try {
  const listenerSeeds = Array.from({ length: LISTENERS }, seed);
  const archiveSeeds = Array.from({ length: FILLERS + FLOODERS }, seed);
  await claimRooms(
    server.url,
    new Map([
      ['chat', listenerSeeds.map(clientIdOf)],
      ['archive', archiveSeeds.map(clientIdOf)],
    ]),
    CONNECT_MS,
  );
  const listeners = listenerSeeds.map((s) => new BenchClient(server.url, 'chat', listenerSink, s));
  const fillers = archiveSeeds
    .slice(0, FILLERS)
    .map((s) => new BenchClient(server.url, 'archive', fillerSink, s));
  const flooders = archiveSeeds
    .slice(FILLERS)
    .map((s) => new BenchClient(server.url, 'archive', flooderSink, s));
  await Promise.all([...listeners, ...fillers, ...flooders].map((c) => c.connect(CONNECT_MS)));

  // The archive: MESSAGES x 128 KiB, spread over the fillers to stay within their limits.
  const big = new TimestampPayload(BIG);
  for (let i = 0; i < MESSAGES; i++) {
    fillers[i % FILLERS]!.publish(`fill-${String(i).padStart(6, '0')}`, big.encode(nowUs()), 0);
  }
  const fillDeadline = Date.now() + 60_000;
  while (fillAcks < MESSAGES && Date.now() < fillDeadline) await sleep(50);
  for (const f of fillers) f.close();

  const small = new TimestampPayload(256);
  let cmid = 0;
  async function run(name: string, flood: boolean): Promise<Phase> {
    phase = newPhase(name);
    const floodTimer = flood
      ? setInterval(() => {
          for (const f of flooders) f.request({ t: 'hist', room: 'archive', after: 0, limit: 200 });
        }, 1000 / FLOOD_RATE)
      : undefined;
    const rssTimer = setInterval(() => {
      void readRss(server.pid).then((rss) => {
        phase.peakRss = Math.max(phase.peakRss, rss);
      });
    }, 200);
    const end = Date.now() + SECONDS * 1000;
    while (Date.now() < end) {
      const sent = listeners[0]!.publish(
        `chat-${String(cmid++).padStart(8, '0')}`,
        small.encode(nowUs()),
        nowUs(),
      );
      if (sent) phase.sent++;
      await sleep(1000 / RATE);
    }
    clearInterval(floodTimer);
    // Let deliveries of this phase drain before the next one starts.
    await sleep(2_000);
    clearInterval(rssTimer);
    return phase;
  }

  const quiet = await run('quiet', false);
  const flooded = await run('flood', true);
  const rssAfter = await readRss(server.pid);
  report([quiet, flooded], LISTENERS, rssAfter);
  for (const c of [...listeners, ...flooders]) c.close();
} finally {
  await server.stop();
}

function report(phases: Phase[], listeners: number, rssAfter: number): void {
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(
    `history flood: ${MESSAGES} x 128 KiB archive, ${FLOODERS} flooders x ${FLOOD_RATE} hist/s, ` +
      `${listeners} listeners, ${RATE} msg/s, ${SECONDS} s per phase, default limits, one IP`,
  );
  for (const p of phases) {
    const expected = p.sent * listeners;
    const h = p.histogram;
    console.log(
      `${p.name.padEnd(6)} delivered ${h.size}/${expected} (${((100 * h.size) / Math.max(1, expected)).toFixed(1)}%)` +
        `  p50 ${h.percentileMs(0.5).toFixed(1)} ms  p99 ${h.percentileMs(0.99).toFixed(1)} ms` +
        `  max ${h.maxMs().toFixed(1)} ms  listener closes ${p.closes}` +
        `  errors ${JSON.stringify(p.errors)}  pages ${p.pages} (${mb(p.pageBytes)} MiB)` +
        `  peak RSS ${mb(p.peakRss)} MiB`,
    );
  }
  const [quiet, flood] = phases;
  const ratio = flood!.histogram.percentileMs(0.99) / quiet!.histogram.percentileMs(0.99);
  console.log(`p99 flood/quiet: ${ratio.toFixed(2)}x   RSS after: ${mb(rssAfter)} MiB`);
}
