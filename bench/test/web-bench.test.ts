import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkSizes, sizeOf } from '../web/chunk-sizes.ts';
import { firstPaintSet, preloadHints, staticImportsOf } from '../web/first-paint-set.ts';
import { formatFirstPaint, formatTimings } from '../web/web-report.ts';

let dist: string;
// Hard to compress: numbers that do not repeat in order.
const BIG = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 10007).join(',');

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'yam-web-bench-test-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(
    join(dist, 'index.html'),
    '<script type="module" crossorigin src="./assets/index-a.js"></script>' +
      '<link rel="stylesheet" crossorigin href="./assets/index-a.css">' +
      '<link rel="modulepreload" href="./assets/boot-b.js" fetchpriority="low" crossorigin="">',
  );
  // Minified as Vite writes it: a static import of a shared chunk, a dynamic one of the app.
  await writeFile(
    join(dist, 'assets/index-a.js'),
    'import{a as e}from"./shared-c.js";e(),import("./boot-b.js");',
  );
  await writeFile(join(dist, 'assets/shared-c.js'), 'export const a=()=>1;');
  await writeFile(join(dist, 'assets/boot-b.js'), 'import"./shared-c.js";export{};');
  await writeFile(join(dist, 'assets/index-a.css'), 'body{color:red}');
  const big = BIG;
  await writeFile(join(dist, 'assets/big-d.js'), big);
  await writeFile(join(dist, 'assets/big-d.js.gz'), gzipSync(big));
});

afterAll(() => rm(dist, { recursive: true, force: true }));

describe('web bench', () => {
  it('finds static imports in minified chunks and skips dynamic ones', () => {
    expect(
      staticImportsOf(
        'import{a as e}from"./x.js";import"./y.js";export{b}from"../z.js";import("./w.js")',
      ),
    ).toEqual(['./x.js', './y.js', '../z.js']);
  });

  it('the first paint set follows static imports; import() and preload hints stay out', async () => {
    expect((await firstPaintSet(dist)).sort()).toEqual(
      ['assets/index-a.css', 'assets/index-a.js', 'assets/shared-c.js', 'index.html'].sort(),
    );
    expect(await preloadHints(dist)).toEqual(['assets/boot-b.js']);
  });

  it('reads the precompressed size when the build wrote one, and lists largest first', async () => {
    const big = await sizeOf(dist, 'assets/big-d.js');
    expect(big.raw).toBe(BIG.length);
    expect(big.gzip).toBe(gzipSync(BIG).length);
    const all = await chunkSizes(dist);
    expect(all[0]!.file).toBe('assets/big-d.js');
    expect(all.map((c) => c.file)).toContain('assets/index-a.css');
  });

  it('says whether the goals are met', () => {
    const file = (gzip: number) => ({ file: 'f', raw: gzip, gzip, brotli: gzip });
    expect(formatFirstPaint([file(30 * 1024), file(20 * 1024)])).toMatch(/goal <= 60 KB gzip: met/);
    expect(formatFirstPaint([file(61 * 1024)])).toMatch(/missed/);
    const run = (fcpMs: number, usableMs: number) => ({ fcpMs, usableMs, wireBytes: 1024 });
    const text = formatTimings(
      [
        {
          scenario: 'return',
          compressed: true,
          runs: [run(1400, 2400), run(1600, 2600), run(1450, 2450)],
        },
        { scenario: 'return', compressed: false, runs: [run(2900, 4900)] },
      ],
      true,
    );
    expect(text).toMatch(/FCP goal <= 1500 ms: met, usable goal <= 2500 ms: met/);
    expect(text).toMatch(/compressed\/identity: FCP 0\.50x, usable 0\.50x/);
  });
});
