import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * ARCHITECTURE.md, apps/web: features and the session layer keep no module-level mutable
 * state. Everything that lives longer than a call belongs to the AppState created once in
 * main.tsx (or to an object it owns), so tests and the app get fresh state each time.
 */
const SRC = import.meta.dirname;
const CHECKED = ['features', 'session'];

/** Calls that make state at import time. */
const STATEFUL_CALLS = new Set(['signal', 'computed', 'effect', 'useSignal']);

/** Top-level declarations in one file that hold mutable state, as "line: text". */
export function moduleState(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, why: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${line + 1}: ${why}: ${node.getText().split('\n')[0]}`);
  };
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      const list = statement.declarationList;
      if (!(list.flags & ts.NodeFlags.Const)) {
        report(statement, 'top-level let/var');
        continue;
      }
      for (const decl of list.declarations) {
        const why = decl.initializer && statefulInitializer(decl.initializer);
        if (why) report(decl, why);
      }
    } else if (ts.isExpressionStatement(statement)) {
      const why = statefulInitializer(statement.expression);
      if (why) report(statement, `top-level ${why}`);
    }
  }
  return found;
}

/** Why an initialiser makes mutable state, or undefined for a plain constant. */
function statefulInitializer(node: ts.Expression): string | undefined {
  let expr = node;
  while (
    ts.isAsExpression(expr) ||
    ts.isSatisfiesExpression(expr) ||
    ts.isParenthesizedExpression(expr) ||
    ts.isTypeAssertionExpression(expr)
  ) {
    expr = expr.expression;
  }
  if (ts.isNewExpression(expr)) {
    const made = expr.expression.getText();
    // Intl formatters are immutable; making one per render would be the costly choice.
    return made.startsWith('Intl.') ? undefined : `new ${made}`;
  }
  if (ts.isCallExpression(expr)) {
    const callee = expr.expression;
    const name = ts.isIdentifier(callee)
      ? callee.text
      : ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : '';
    if (STATEFUL_CALLS.has(name)) return `${name}()`;
    return undefined;
  }
  // A mutable collection literal: an array, or an object whose values are mutable
  // (frozen / readonly-typed constants are allowed).
  if (ts.isArrayLiteralExpression(expr) && !isReadonlyTyped(node)) return 'mutable array';
  if (ts.isObjectLiteralExpression(expr) && !isReadonlyTyped(node) && !isConstAsserted(node)) {
    const mutableNumbers = expr.properties.some(
      (p) => ts.isPropertyAssignment(p) && ts.isNumericLiteral(p.initializer),
    );
    if (mutableNumbers) return 'mutable object (counters)';
  }
  return undefined;
}

function isReadonlyTyped(node: ts.Expression): boolean {
  const decl = node.parent;
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.type) return isConstAsserted(node);
  const type = decl.type.getText();
  return /^readonly |^Readonly/.test(type) || isConstAsserted(node);
}

function isConstAsserted(node: ts.Expression): boolean {
  return ts.isAsExpression(node) && node.type.getText() === 'const';
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('apps/web architecture', () => {
  it('features/ and session/ keep no module-level mutable state (ARCHITECTURE.md)', () => {
    const offences: string[] = [];
    for (const folder of CHECKED) {
      for (const file of sourceFiles(join(SRC, folder))) {
        for (const found of moduleState(file, readFileSync(file, 'utf8'))) {
          offences.push(`${relative(SRC, file)}:${found}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });

  it('the check itself catches each kind of module state', () => {
    const bad = [
      'let current;',
      'var n = 0;',
      'const cache = new Map();',
      'const seen = new WeakSet<object>();',
      "const flag = signal('');",
      'const total = computed(() => 1);',
      'effect(() => undefined);',
      'const queue: string[] = [];',
      'const counts = { cache: 0, peer: 0 };',
      'const counts: Record<string, number> = { cache: 0 };',
    ];
    for (const line of bad) expect(moduleState('x.ts', line), line).toHaveLength(1);
    const fine = [
      'const KEY = "yam.lastRoom";',
      'const PAGE = 50;',
      'const ORDER: Readonly<Record<string, number>> = { online: 0, away: 1 };',
      "const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit' });",
      'const PALETTE: readonly string[] = ["#fff"];',
      'const TYPES = ["a", "b"] as const;',
      'const re = /^a$/;',
      'export function f() { let x = new Map(); return x; }',
      'export class C { readonly items = signal(1); }',
    ];
    for (const line of fine) expect(moduleState('x.ts', line), line).toEqual([]);
  });
});
