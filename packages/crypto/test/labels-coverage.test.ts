import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../src/labels.ts';

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('domain-separation labels', () => {
  it('every label literal in the packages is a LABELS constant (so the distinctness test covers it)', () => {
    const known = new Set<string>(Object.values(LABELS));
    const found: string[] = [];
    for (const pkg of ['crypto', 'client', 'protocol']) {
      for (const file of sources(join(PACKAGES, pkg, 'src'))) {
        if (file.endsWith('labels.ts')) continue;
        const code = readFileSync(file, 'utf8');
        for (const match of code.matchAll(/['`](yam-[a-z-]+-v\d+(?:\\n|:)?)/g)) {
          found.push(`${match[1]!.replace('\\n', '\n')} in ${file.slice(PACKAGES.length)}`);
        }
      }
    }
    // AUTH_LABEL in @yam/protocol is the auth label without its newline (labels.test.ts in the client).
    const unknown = found
      .map((f) => f.split(' in '))
      .filter(([label]) => !known.has(label!) && !known.has(`${label}\n`))
      .map((parts) => parts.join(' in '));
    expect(unknown).toEqual([]);
  });
});
