/**
 * Link-preview fetch cost against a bare HTTP GET of the same local page, in one run:
 * `node bench/preview-fetch.ts [--n 200]`. The fetcher adds URL and address checks, the
 * pinned connection, the capped read and htmlparser2; the baseline reads the body only.
 * Prints medians and the ratio (fetcher / baseline). Loopback only (test-only option).
 */
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { LinkPreviewFetcher } from '@yam/server';

const { values } = parseArgs({ options: { n: { type: 'string', default: '200' } } });
const n = Number(values.n);

const filler = `<p>${'Yams are tubers. '.repeat(6_000)}</p>`; // ~100 KB of body text
const page = `<!doctype html><html><head><title>Bench page</title>
<meta property="og:title" content="Bench page"><meta property="og:description" content="A page to fetch.">
</head><body>${filler}</body></html>`;
const site = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
});
await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(site.address() as AddressInfo).port}/page`;

function bareGet(): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      res.on('data', () => {});
      res.on('end', resolve);
    }).on('error', reject);
  });
}

const fetcher = new LinkPreviewFetcher({ allowLoopback: true });
async function timeEach(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

// Warm both paths, then measure: baseline first, fetcher second.
await timeEach(bareGet);
await timeEach(() => fetcher.fetch(url));
const baseline = await timeEach(bareGet);
const preview = await timeEach(() => fetcher.fetch(url));
site.close();
console.log(
  JSON.stringify({
    bench: 'preview-fetch',
    n,
    pageBytes: Buffer.byteLength(page),
    baselineMedianMs: Number(baseline.toFixed(3)),
    previewMedianMs: Number(preview.toFixed(3)),
    ratio: Number((preview / baseline).toFixed(2)),
  }),
);
