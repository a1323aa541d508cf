import { SourceMap } from 'node:module';

/**
 * Reads a V8 CPU profile (CDP `Profiler.Profile`) of the unminified MLS bench bundle and
 * splits its self time by where the code came from (through the bundle's source map:
 * ts-mls, @noble/hashes, @yam/crypto...) and by function.
 */

/** The parts of a CDP profile this summary reads. */
export type CpuProfile = {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: {
      readonly functionName: string;
      readonly url: string;
      readonly lineNumber: number;
      readonly columnNumber: number;
    };
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
};

/** A share of the profiled time. */
export type Share = { readonly name: string; readonly ms: number; readonly percent: number };

/** Maps a bundle position to its source file, shortened (see `shortSource`). */
export type SourceOf = (line: number, column: number) => string;

/** A `SourceOf` reading the bundle's source map (Node's own parser). */
export function sourceMapLookup(sourceMapJson: string): SourceOf {
  const map = new SourceMap(JSON.parse(sourceMapJson));
  return (line, column) => {
    const entry = map.findEntry(line, column);
    return 'originalSource' in entry ? shortSource(entry.originalSource) : '(bundle)';
  };
}

/** `.../node_modules/ts-mls/dist/src/x.js` -> `ts-mls/x.js`; `.../packages/crypto/src/...` kept. */
function shortSource(path: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:dist\/|esm\/)?(?:src\/)?(.*)$/.exec(
    path,
  );
  if (inModules !== null) return `${inModules[1]}/${inModules[2]}`;
  return path.replace(/^.*?(packages|bench)\//, '$1/');
}

/** Self time per source file and per function (`fn @ source`), largest first. */
export function summarise(
  profile: CpuProfile,
  sourceOf: SourceOf,
): { total: number; bySource: Share[]; byFunction: Share[] } {
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const bySource = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    total += us;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const source = url.endsWith('.js')
      ? sourceOf(lineNumber, columnNumber)
      : `(${functionName || 'native'})`;
    const fn = `${functionName || '(anonymous)'} @ ${source}`;
    bySource.set(source, (bySource.get(source) ?? 0) + us);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const shares = (m: Map<string, number>): Share[] =>
    [...m]
      .map(([name, us]) => ({ name, ms: us / 1000, percent: (100 * us) / total }))
      .sort((a, b) => b.ms - a.ms);
  return { total: total / 1000, bySource: shares(bySource), byFunction: shares(byFunction) };
}

/** The top `count` shares as aligned lines. */
export function formatShares(title: string, shares: readonly Share[], count: number): string {
  const lines = shares
    .slice(0, count)
    .map(
      (s) =>
        `  ${s.percent.toFixed(1).padStart(5)} %  ${s.ms.toFixed(1).padStart(8)} ms  ${s.name}`,
    );
  return [title, ...lines].join('\n');
}
