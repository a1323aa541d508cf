import { type Sticker, StickerIndex, stickerPath } from '@yam/protocol';

/** The app server's sticker library as the picker and sticker bubbles use it. */
export type StickerLibrary = {
  categories: readonly { id: string; name: string; stickers: readonly Sticker[] }[];
  /** Every sticker by the hash of its file (what a sticker message names). */
  byHash: ReadonlyMap<string, Sticker>;
};

/** Largest index.json the app reads (a 200-category, 2,000-sticker library fits easily). */
const MAX_INDEX_BYTES = 8 * 1024 * 1024;

/**
 * Loads `stickers/index.json` from the app's own server once (made by the frame, shared by
 * the picker and the sticker bubbles); a server without a library gives an empty one, and
 * after a failure the next call tries again.
 */
export class StickerShelf {
  #loading: Promise<StickerLibrary> | undefined;

  load(): Promise<StickerLibrary> {
    this.#loading ??= fetchLibrary().catch((e: unknown) => {
      this.#loading = undefined;
      throw e;
    });
    return this.#loading;
  }
}

async function fetchLibrary(): Promise<StickerLibrary> {
  const response = await fetch('/stickers/index.json', { credentials: 'omit' });
  if (response.status === 404) return emptyLibrary();
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  const text = await response.text();
  if (text.length > MAX_INDEX_BYTES) throw new Error('the sticker index is too large');
  const parsed = StickerIndex.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error('the sticker index is not valid');
  return libraryOf(parsed.data);
}

/** Indexes a parsed `index.json`. */
export function libraryOf(index: StickerIndex): StickerLibrary {
  const byHash = new Map<string, Sticker>();
  for (const category of index.categories) {
    for (const sticker of category.stickers) byHash.set(sticker.hash, sticker);
  }
  return { categories: index.categories, byHash };
}

function emptyLibrary(): StickerLibrary {
  return { categories: [], byHash: new Map() };
}

/** The URL of a sticker's full image on the app's server. */
export function stickerUrl(hash: string, type: Sticker['type']): string {
  return `/${stickerPath(hash, type)}`;
}

/** The URL of a sticker's still preview (WebP) on the app's server. */
export function previewUrl(sticker: Sticker): string {
  return `/${stickerPath(sticker.previewHash, 'image/webp')}`;
}
