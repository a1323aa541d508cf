import { readFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';

/**
 * What the browser must fetch before the first paint: `index.html`, the scripts and
 * stylesheets it names, and every chunk those scripts import statically, transitively.
 * Chunks reached only through `import()` are not in it, even when a preload hint fetches
 * them early (see `preloadHints`). Paths are relative to `dist`.
 */
export async function firstPaintSet(dist: string): Promise<string[]> {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const named = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g),
  ].map((m) => relative(m[1]!));
  const set = new Set<string>(['index.html']);
  const visit = async (file: string): Promise<void> => {
    if (set.has(file)) return;
    set.add(file);
    if (!file.endsWith('.js')) return;
    for (const spec of staticImportsOf(await readFile(join(dist, file), 'utf8'))) {
      await visit(normalize(join(dirname(file), spec)));
    }
  };
  for (const file of named) await visit(file);
  return [...set];
}

/** The files index.html asks the browser to fetch early without waiting for them. */
export async function preloadHints(dist: string): Promise<string[]> {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  return [
    ...html.matchAll(/<link[^>]*\brel="(?:modulepreload|preload)"[^>]*\bhref="([^"]+)"/g),
  ].map((m) => relative(m[1]!));
}

function relative(href: string): string {
  return normalize(href.replace(/^\.?\//, ''));
}

/**
 * The relative chunks a built module imports statically (`import ... from "./x.js"`,
 * `import "./x.js"`, `export ... from "./x.js"`); dynamic `import("./x.js")` is skipped.
 */
export function staticImportsOf(code: string): string[] {
  const out = new Set<string>();
  const pattern =
    /(?:^|[;\n}])\s*(?:import|export)\s*(?:[^"'();]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g;
  for (const m of code.matchAll(pattern)) out.add(m[1]!);
  return [...out];
}
