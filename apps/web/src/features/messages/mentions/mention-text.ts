/** A member who can be mentioned: client ID and the name shown for them. */
export type Mentionable = { id: string; name: string };

/** A piece of text: plain, or `@Name` of the member `id`. */
export type MentionSegment = { text: string; id?: string };

/**
 * Splits text around the `@Name`s of the mentioned members (longest name first, so
 * "@Ann Lee" beats "@Ann"). Only members the message names in its `mentions` are
 * highlighted: typing "@Bob" without picking Bob mentions nobody.
 */
export function splitMentions(text: string, mentioned: readonly Mentionable[]): MentionSegment[] {
  const names = mentioned
    .filter((m) => m.name.length > 0)
    .sort((a, b) => b.name.length - a.name.length);
  if (names.length === 0 || !text.includes('@')) return [{ text }];
  const out: MentionSegment[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const hit = text[i] === '@' && startsWord(text, i) ? matchAt(text, i + 1, names) : undefined;
    if (!hit) {
      plain += text[i++];
      continue;
    }
    if (plain) out.push({ text: plain });
    plain = '';
    out.push({ text: `@${hit.name}`, id: hit.id });
    i += 1 + hit.name.length;
  }
  if (plain) out.push({ text: plain });
  return out;
}

/** The picked members whose `@Name` is still in the text (what the message carries). */
export function mentionsIn(text: string, picked: readonly Mentionable[]): string[] {
  const ids = new Set<string>();
  for (const s of splitMentions(text, picked)) if (s.id) ids.add(s.id);
  return [...ids];
}

/**
 * The `@query` being typed just before the cursor, if any: `@` at the start or after a
 * space, then up to 32 characters without a line break.
 */
export function mentionQuery(
  text: string,
  cursor: number,
): { start: number; query: string } | undefined {
  const before = text.slice(0, cursor);
  const at = before.lastIndexOf('@');
  if (at < 0 || !startsWord(text, at)) return undefined;
  const query = before.slice(at + 1);
  if (query.length > 32 || /[\n@]/.test(query) || /\s\s/.test(query)) return undefined;
  return { start: at, query };
}

/** Members whose name starts with (or has a word starting with) the query, best first. */
export function matchMembers(
  members: readonly Mentionable[],
  query: string,
  limit = 8,
): Mentionable[] {
  const q = query.toLocaleLowerCase();
  const scored = members
    .map((m) => {
      const name = m.name.toLocaleLowerCase();
      const score = name.startsWith(q) ? 0 : name.split(/\s+/).some((w) => w.startsWith(q)) ? 1 : 2;
      return { m, score };
    })
    .filter((s) => s.score < 2);
  scored.sort((a, b) => a.score - b.score || a.m.name.localeCompare(b.m.name));
  return scored.slice(0, limit).map((s) => s.m);
}

function startsWord(text: string, at: number): boolean {
  return at === 0 || /[\s(]/.test(text[at - 1]!);
}

function matchAt(text: string, from: number, names: readonly Mentionable[]) {
  for (const m of names) {
    if (!text.startsWith(m.name, from)) continue;
    const next = text[from + m.name.length];
    if (next === undefined || !/[\p{L}\p{N}_]/u.test(next)) return m;
  }
  return undefined;
}
