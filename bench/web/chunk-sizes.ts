import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** One file of the build with its size raw, gzip -9 and brotli 11 (what the server sends). */
export type FileSize = {
  readonly file: string;
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
};

/**
 * The size of `file` (relative to `dist`) in each encoding: the precompressed `.gz`/`.br`
 * beside it when the build wrote one (the server sends those), otherwise compressed here
 * the same way (files under 1 KB are sent raw by the server, so this slightly flatters them).
 */
export async function sizeOf(dist: string, file: string): Promise<FileSize> {
  const path = join(dist, file);
  const raw = await readFile(path);
  const gz = existsSync(`${path}.gz`)
    ? (await readFile(`${path}.gz`)).length
    : gzipSync(raw, { level: 9 }).length;
  const br = existsSync(`${path}.br`)
    ? (await readFile(`${path}.br`)).length
    : brotliCompressSync(raw, {
        params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
      }).length;
  return { file, raw: raw.length, gzip: gz, brotli: br };
}

/** Every script and stylesheet of the build (under `assets/`), largest gzip first. */
export async function chunkSizes(dist: string): Promise<FileSize[]> {
  const files = (await readdir(join(dist, 'assets'))).filter((f) => /\.(?:js|css)$/.test(f));
  const sizes = await Promise.all(files.map((f) => sizeOf(dist, `assets/${f}`)));
  return sizes.sort((a, b) => b.gzip - a.gzip);
}

/** The sum of a list of sizes. */
export function totalOf(sizes: readonly FileSize[]): Omit<FileSize, 'file'> {
  return sizes.reduce(
    (sum, s) => ({ raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip, brotli: sum.brotli + s.brotli }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
}
