import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The web app validates with `zod/mini` (same zod 4 core and checks, without the chaining
 * API, ~19 KB gzipped less in the app chunk): the protocol schemas, the SDK's content and
 * peer-to-peer schemas and the app itself import only `zod/mini`. One classic `zod`
 * import anywhere in that code would bring the whole classic API back into the bundle.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const DIRS = [
  'packages/protocol/src',
  'packages/client/src',
  'packages/crypto/src',
  'apps/web/src',
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('zod in the web app', () => {
  it('is zod/mini only, in the app and every package it bundles', () => {
    const files = DIRS.flatMap((dir) => sources(join(ROOT, dir)));
    const classic = files.filter((file) =>
      /from\s+['"]zod(?:\/v4)?['"]|import\(\s*['"]zod(?:\/v4)?['"]\s*\)/.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(files.length).toBeGreaterThan(100);
    expect(classic).toEqual([]);
  });
});
