/** One emoji of the picker's data: the character and its English name. */
export type EmojiEntry = { emoji: string; name: string };

/**
 * Loads the emoji list (unicode-emoji-json, a chunk of its own, fetched the first time the
 * search field is used) as name-searchable entries in Unicode order.
 */
export async function loadEmoji(): Promise<readonly EmojiEntry[]> {
  const data = (await import('unicode-emoji-json/data-by-emoji.json')).default as Record<
    string,
    { name: string }
  >;
  return Object.entries(data).map(([emoji, { name }]) => ({ emoji, name }));
}

/** Entries whose name has every word of the query at a word start (best: name starts with it). */
export function searchEmoji(
  entries: readonly EmojiEntry[],
  query: string,
  limit = 48,
): EmojiEntry[] {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const first: EmojiEntry[] = [];
  const rest: EmojiEntry[] = [];
  for (const entry of entries) {
    const parts = entry.name.toLowerCase().split(/[\s_:-]+/);
    if (!words.every((w) => parts.some((p) => p.startsWith(w)))) continue;
    (parts[0]!.startsWith(words[0]!) ? first : rest).push(entry);
    if (first.length >= limit) break;
  }
  return first.concat(rest).slice(0, limit);
}
