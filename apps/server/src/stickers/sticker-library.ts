import { readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { StickerIndex, type StickerType } from '@yam/protocol';

/** The largest index.json read. */
const MAX_INDEX_BYTES = 4 * 1024 * 1024;

type Served = { path: string; type: StickerType };

/**
 * The sticker library in a folder (`--stickers DIR`): its index.json, validated, and the
 * files it lists by content hash. Rereads the index when its file changes, so an operator
 * adds a pack with `yam stickers index` and no restart.
 */
export class StickerLibrary {
  readonly dir: string;
  #mtime = -1;
  #json: string | undefined;
  #files = new Map<string, Served>();
  #loading: Promise<void> | undefined;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  /** The index as served (undefined: no valid index in the folder). */
  async index(): Promise<string | undefined> {
    await this.#fresh();
    return this.#json;
  }

  /** The file for a hash the index lists (an image or its preview). */
  async file(hash: string): Promise<Served | undefined> {
    await this.#fresh();
    return this.#files.get(hash);
  }

  async #fresh(): Promise<void> {
    const info = await stat(join(this.dir, 'index.json')).catch(() => undefined);
    const mtime = info?.mtimeMs ?? 0;
    if (mtime === this.#mtime) return;
    this.#loading ??= this.#load(mtime, info?.size ?? 0).finally(() => {
      this.#loading = undefined;
    });
    await this.#loading;
  }

  async #load(mtime: number, size: number): Promise<void> {
    this.#mtime = mtime;
    this.#json = undefined;
    this.#files = new Map();
    if (mtime === 0 || size > MAX_INDEX_BYTES) return;
    let parsed: StickerIndex;
    try {
      parsed = StickerIndex.parse(JSON.parse(await readFile(join(this.dir, 'index.json'), 'utf8')));
    } catch {
      return; // an invalid index serves no stickers, like a missing one
    }
    const files = new Map<string, Served>();
    for (const category of parsed.categories) {
      for (const s of category.stickers) {
        const image = this.#inside(s.file);
        const preview = this.#inside(s.preview);
        if (image) files.set(s.hash, { path: image, type: s.type });
        if (preview) files.set(s.previewHash, { path: preview, type: 'image/webp' });
      }
    }
    this.#files = files;
    this.#json = JSON.stringify(parsed);
  }

  /** A path from the index, only if it stays inside the library folder. */
  #inside(relative: string): string | undefined {
    const path = resolve(this.dir, relative);
    return path.startsWith(this.dir + sep) ? path : undefined;
  }
}
