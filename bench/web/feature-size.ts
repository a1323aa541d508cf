/**
 * The size the message features (issue 11) add to the app: Markdown and auto-links
 * (markdown-it, linkify-it), emoji data, reactions, replies and threads, edit/delete,
 * mentions, tone tags and local search (MiniSearch in its worker). Builds the app into a
 * temporary folder and sums, in gzip -9 bytes:
 *   whole chunks   chunks only these features load (lazily): counted entire
 *   inside chunks  these features' modules inside shared chunks (the app's boot chunk),
 *                  each module's rendered code gzipped alone (an upper bound: compressed
 *                  together with its neighbours it would be a little smaller)
 * against the whole app (every script and stylesheet) as the baseline.
 *   node bench/web/feature-size.ts        (also: ./yam bench --web --features)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';
import { chunkSizes, totalOf } from './chunk-sizes.ts';

const WEB = fileURLToPath(new URL('../../apps/web/', import.meta.url));

/** Source folders and packages that exist only for the message features. */
const FEATURE = [
  /\/features\/messages\/(markdown|reactions|threads|mentions|changes|tone)\//,
  /\/features\/messages\/(message-actions|thread-panel|delete-dialog|decorated-text|bubble-body|reply-excerpt)\./,
  /\/features\/search\//,
  /\/platform\/search\//,
  /\/session\/(search-feed|room-mentions|message-focus)\./,
  /\/node_modules\/(markdown-it|linkify-it|mdurl|uc\.micro|punycode\.js|entities|minisearch|unicode-emoji-json)\//,
];
const isFeature = (id: string) => FEATURE.some((re) => re.test(id));

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

const outDir = await mkdtemp(join(tmpdir(), 'yam-feature-size-'));
try {
  console.error('feature size: building the app (vite build)...');
  const result = await build({
    root: WEB,
    configFile: join(WEB, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunks = outputs.flatMap((o) => o.output).filter((c) => c.type === 'chunk');
  const whole: { file: string; gzip: number }[] = [];
  const inside = new Map<string, number>();
  const sizes = new Map((await chunkSizes(outDir)).map((s) => [s.file, s]));
  for (const chunk of chunks) {
    const ids = Object.keys(chunk.modules).filter((id) => chunk.modules[id]!.renderedLength > 0);
    const own = ids.filter(isFeature);
    if (own.length === 0) continue;
    const file = `assets/${chunk.fileName.split('/').pop()}`;
    const all = ids.reduce((n, id) => n + chunk.modules[id]!.renderedLength, 0);
    const mine = own.reduce((n, id) => n + chunk.modules[id]!.renderedLength, 0);
    // A chunk that is (almost) all feature code is loaded only for the feature.
    if (mine >= 0.9 * all && sizes.has(file)) {
      whole.push({ file, gzip: sizes.get(file)!.gzip });
      continue;
    }
    for (const id of own) {
      const code = chunk.modules[id]!.code ?? '';
      const name = id.replace(/^.*\/(node_modules|src)\//, '$1/');
      inside.set(name, (inside.get(name) ?? 0) + gzipSync(code, { level: 9 }).length);
    }
  }
  // The search worker is its own bundle: Vite emits it as an asset of the app's build.
  for (const [file, size] of sizes) {
    if (/search-worker/.test(file) && !whole.some((w) => w.file === file)) {
      whole.push({ file, gzip: size.gzip });
    }
  }
  const app = totalOf([...sizes.values()]);
  const wholeSum = whole.reduce((n, w) => n + w.gzip, 0);
  const insideSum = [...inside.values()].reduce((n, v) => n + v, 0);
  console.log('message features (issue 11), gzip -9:');
  for (const w of whole.sort((a, b) => b.gzip - a.gzip)) {
    console.log(`  ${kb(w.gzip).padStart(9)}  ${w.file}  (whole chunk, loaded when needed)`);
  }
  const top = [...inside].sort((a, b) => b[1] - a[1]);
  console.log(
    `  ${kb(insideSum).padStart(9)}  ${top.length} modules inside shared chunks, largest: ${top
      .slice(0, 4)
      .map(([n, v]) => `${n.replace(/^src\/(.*\/)?/, '').replace(/^node_modules\//, '')} ${kb(v)}`)
      .join(', ')}`,
  );
  console.log(
    `  ${kb(wholeSum + insideSum).padStart(9)}  in all, of ${kb(app.gzip)} for the whole app (${(
      ((wholeSum + insideSum) / app.gzip) * 100
    ).toFixed(0)}%)`,
  );
} finally {
  await rm(outDir, { recursive: true, force: true });
}
