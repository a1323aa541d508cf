import { foldTerm } from '../../platform/search/search-index.ts';

/** A piece of a result's text: matched words are marked. */
export type SnippetPart = { text: string; match: boolean };

const WORD = /[\p{L}\p{N}_]+/gu;
const BEFORE = 40;
const LENGTH = 180;

/**
 * The part of a message worth showing for a search result: a window around the first
 * matched word, matched words marked. `terms` are the index's (folded) matched terms.
 */
export function snippetOf(text: string, terms: readonly string[]): SnippetPart[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const folded = terms.map(foldTerm).filter(Boolean);
  const matches: [number, number][] = [];
  for (const m of flat.matchAll(WORD)) {
    const word = foldTerm(m[0]);
    if (folded.some((t) => word.startsWith(t) || t.startsWith(word))) {
      matches.push([m.index, m.index + m[0].length]);
    }
  }
  const first = matches[0]?.[0] ?? 0;
  let start = Math.max(0, first - BEFORE);
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    if (space !== -1 && space < first) start = space + 1;
  }
  const end = Math.min(flat.length, start + LENGTH);
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '…', match: false });
  let at = start;
  for (const [from, to] of matches) {
    if (to <= start || from >= end) continue;
    if (from > at) parts.push({ text: flat.slice(at, from), match: false });
    parts.push({ text: flat.slice(Math.max(from, at), Math.min(to, end)), match: true });
    at = Math.min(to, end);
  }
  if (at < end) parts.push({ text: flat.slice(at, end), match: false });
  if (end < flat.length) parts.push({ text: '…', match: false });
  return parts;
}
