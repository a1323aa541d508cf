import type { Sticker } from '@yam/protocol';

/**
 * Stickers whose name or keywords match every word of `query` (case- and
 * accent-insensitive, by word start): "par pop" finds "party popper". Name matches first.
 */
export function searchStickers(all: Iterable<Sticker>, query: string): Sticker[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const byName: Sticker[] = [];
  const byKeyword: Sticker[] = [];
  for (const sticker of all) {
    const name = wordsOf(sticker.name);
    if (words.every((w) => name.some((n) => n.startsWith(w)))) {
      byName.push(sticker);
      continue;
    }
    const terms = [...name, ...sticker.keywords.flatMap(wordsOf)];
    if (words.every((w) => terms.some((t) => t.startsWith(w)))) byKeyword.push(sticker);
  }
  return [...byName, ...byKeyword];
}

/** The stickers of `recent` (hashes, newest first) that the library still has. */
export function recentStickers(
  recent: readonly string[],
  byHash: ReadonlyMap<string, Sticker>,
): Sticker[] {
  return recent.flatMap((hash) => {
    const sticker = byHash.get(hash);
    return sticker ? [sticker] : [];
  });
}

function wordsOf(text: string): string[] {
  return fold(text)
    .split(/[\s_-]+/)
    .filter(Boolean);
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();
}
