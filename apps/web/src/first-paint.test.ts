import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * ARCHITECTURE.md, "Lazy loading": the first paint waits only for main.tsx and what it
 * imports statically. Those files never import (as values) the SDK, @yam/crypto,
 * @yam/protocol (zod), ts-mls, @noble, markdown-it, the emoji data or qrcode-generator:
 * the app and its heavy parts come later through `import()`.
 */
const SRC = import.meta.dirname;
const HEAVY = [
  /^@yam\//,
  /^zod/,
  /^ts-mls/,
  /^@noble\//,
  /^@hpke\//,
  /^markdown-it/,
  /^unicode-emoji-json/,
  /^qrcode-generator/,
];

/** Value (not type-only) static imports of one file, as written. */
export function staticValueImports(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  for (const s of source.statements) {
    if (!ts.isImportDeclaration(s) && !ts.isExportDeclaration(s)) continue;
    if (!s.moduleSpecifier || !ts.isStringLiteral(s.moduleSpecifier)) continue;
    if (ts.isImportDeclaration(s)) {
      const clause = s.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes =
        clause !== undefined &&
        clause.name === undefined &&
        named !== undefined &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly);
      if (onlyTypes) continue;
    } else if (s.isTypeOnly) continue;
    out.push(s.moduleSpecifier.text);
  }
  return out;
}

/** Every file main.tsx reaches through static value imports, and the packages they name. */
function firstPaintGraph(entry: string): { files: string[]; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of staticValueImports(file, readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) {
        packages.set(spec, file);
        continue;
      }
      const target = resolve(dirname(file), spec);
      if (target.endsWith('.css')) continue;
      if (!existsSync(target)) throw new Error(`${file}: cannot resolve ${spec}`);
      visit(target);
    }
  };
  visit(entry);
  return { files: [...files], packages };
}

describe('the first paint', () => {
  it('main.tsx reaches no heavy package through static imports', () => {
    const { files, packages } = firstPaintGraph(join(SRC, 'main.tsx'));
    expect(files.length).toBeGreaterThan(3);
    const heavy = [...packages].filter(([spec]) => HEAVY.some((h) => h.test(spec)));
    expect(heavy.map(([spec, from]) => `${spec} (from ${from.slice(SRC.length + 1)})`)).toEqual([]);
  });

  it('the check sees value imports and skips type-only ones', () => {
    const text = [
      "import type { A } from '@yam/client';",
      "import { type B } from '@yam/crypto';",
      "import { c } from '@yam/protocol';",
      "import './x.css';",
      "export { d } from 'zod';",
    ].join('\n');
    expect(staticValueImports('x.ts', text)).toEqual(['@yam/protocol', './x.css', 'zod']);
  });
});
