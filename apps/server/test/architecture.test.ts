import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * ARCHITECTURE.md, apps/server: the imports of src/ form no circle, between files or
 * between its parts (a folder, or a file at the top of src/). The relay knows no feature:
 * features register with it as plugins and see only the types in relay/relay-plugin.ts;
 * the composition root (start-server.ts) wires them together.
 */
const SRC = resolve(import.meta.dirname, '../src');
/** The relay plugins, as start-server.ts wires them. */
const FEATURES = ['mls-ds', 'profiles', 'signalling'];
const PLUGIN_TYPES = 'relay/relay-plugin.ts';

type Import = { to: string; typeOnly: boolean };
type Graph = Map<string, Import[]>;

// `import ... from './x.ts'`, `export ... from './x.ts'`, `import './x.ts'`, `import('./x.ts')`;
// only relative specifiers: packages cannot close a circle inside src/.
const STATIC_IMPORT =
  /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** The relative imports of one source text, resolved against its file (paths from src/). */
export function importsOf(file: string, text: string): Import[] {
  const found: Import[] = [];
  const add = (specifier: string, typeOnly: boolean) =>
    found.push({ to: join(dirname(file), specifier), typeOnly });
  for (const m of text.matchAll(STATIC_IMPORT)) add(m[3]!, m[2] !== undefined);
  for (const m of text.matchAll(DYNAMIC_IMPORT)) add(m[1]!, false);
  return found;
}

/** The first circle found, as files in import order with the first repeated at the end. */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (node: string): string[] | undefined => {
    if (onPath.has(node)) return [...path.slice(path.indexOf(node)), node];
    if (done.has(node)) return undefined;
    path.push(node);
    onPath.add(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    onPath.delete(node);
    done.add(node);
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [relative(SRC, path)] : [];
  });
}

function readGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(SRC)) {
    graph.set(file, importsOf(file, readFileSync(join(SRC, file), 'utf8')));
  }
  return graph;
}

/** A file's part of src/: its top folder, or the file itself at the top. */
const partOf = (file: string) => file.split('/')[0]!;

const fileEdges = (graph: Graph) =>
  new Map([...graph].map(([file, imports]) => [file, imports.map((i) => i.to)]));

function partEdges(graph: Graph): Map<string, string[]> {
  const parts = new Map<string, Set<string>>();
  for (const [file, imports] of graph) {
    const from = partOf(file);
    const targets = parts.get(from) ?? new Set();
    for (const { to } of imports) if (partOf(to) !== from) targets.add(partOf(to));
    parts.set(from, targets);
  }
  return new Map([...parts].map(([part, targets]) => [part, [...targets]]));
}

describe('apps/server/src imports', () => {
  const graph = readGraph();

  it('reads every import of the source files', () => {
    expect(graph.size).toBeGreaterThan(50);
    // Each import names a file that exists: a regex that misread one would hide a circle.
    for (const [file, imports] of graph) {
      for (const { to } of imports) expect(graph.has(to), `${file} -> ${to}`).toBe(true);
    }
    expect(graph.get('start-server.ts')?.map((i) => i.to)).toContain('relay/relay.ts');
  });

  it('form no circle between files', () => {
    expect(findCycle(fileEdges(graph))).toBeUndefined();
  });

  it('form no circle between the parts of src/ (no import runs back up)', () => {
    expect(findCycle(partEdges(graph))).toBeUndefined();
  });

  it('the relay imports no feature', () => {
    const relayImports = [...graph]
      .filter(([file]) => partOf(file) === 'relay')
      .flatMap(([file, imports]) => imports.map((i) => `${file} -> ${i.to}`));
    const intoFeatures = relayImports.filter((edge) =>
      FEATURES.some((feature) => edge.includes(` -> ${feature}/`)),
    );
    expect(intoFeatures).toEqual([]);
  });

  it('features see only the plugin types of the relay, and only as types', () => {
    const reaching = [...graph]
      .filter(([file]) => FEATURES.includes(partOf(file)))
      .flatMap(([file, imports]) =>
        imports
          .filter((i) => partOf(i.to) === 'relay' && (i.to !== PLUGIN_TYPES || !i.typeOnly))
          .map((i) => `${file} -> ${i.to}${i.typeOnly ? '' : ' (a value import)'}`),
      );
    expect(reaching).toEqual([]);
  });
});

describe('the import walk', () => {
  it('reads static, type-only, multi-line, re-export and dynamic imports', () => {
    const text = [
      "import { a } from './a.ts';",
      "import type { B } from '../b/b.ts';",
      'import {',
      '  c,',
      '  type D,',
      "} from './c.ts';",
      "export { e } from './e.ts';",
      "import '@yam/protocol';",
      "const f = await import('./f.ts');",
    ].join('\n');
    expect(importsOf('x/file.ts', text)).toEqual([
      { to: 'x/a.ts', typeOnly: false },
      { to: 'b/b.ts', typeOnly: true },
      { to: 'x/c.ts', typeOnly: false },
      { to: 'x/e.ts', typeOnly: false },
      { to: 'x/f.ts', typeOnly: false },
    ]);
  });

  it('finds a circle, also one that only types close', () => {
    const graph = new Map([
      ['relay/connection.ts', ['relay/handlers.ts']],
      ['relay/handlers.ts', ['mls-ds/mls-handlers.ts']],
      ['mls-ds/mls-handlers.ts', ['relay/connection.ts']],
    ]);
    expect(findCycle(graph)).toEqual([
      'relay/connection.ts',
      'relay/handlers.ts',
      'mls-ds/mls-handlers.ts',
      'relay/connection.ts',
    ]);
    expect(
      findCycle(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toBeUndefined();
  });
});
