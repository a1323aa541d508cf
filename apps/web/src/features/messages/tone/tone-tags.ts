/** Tone indicators and what they mean (the common list; shown as a tag with this tooltip). */
export const TONE_TAGS: Readonly<Record<string, string>> = {
  j: 'joking',
  hj: 'half-joking',
  s: 'sarcastic',
  srs: 'serious',
  nsrs: 'not serious',
  lh: 'light-hearted',
  pos: 'positive connotation',
  neg: 'negative connotation',
  gen: 'genuine',
  g: 'genuine',
  nm: 'not mad',
  lu: 'a little upset',
  t: 'teasing',
  p: 'platonic',
  r: 'romantic',
  c: 'copypasta',
  l: 'lyrics',
  ly: 'lyrics',
  nbh: 'nobody here (not directed at anyone here)',
  rh: 'rhetorical question',
  m: 'metaphorically',
  li: 'literally',
  hyp: 'hyperbole',
  sx: 'sexual intent',
  nsx: 'non-sexual intent',
  ref: 'reference',
  th: 'threat',
  cb: 'clickbait',
  f: 'fake',
  q: 'quote',
  nav: 'not a vent',
  ot: 'off topic',
  tan: 'tangent',
};

/** A piece of text: plain, or a tone tag (`tag` without its slash). */
export type ToneSegment = { text: string; tag?: string };

// A tag stands alone: after the start or a space, before the end, a space or punctuation.
const TAG = /(^|\s)\/([a-z]{1,4})(?=$|[\s.,!?;:)])/gi;

/** Splits text around the tone tags it contains; unknown `/words` stay text. */
export function splitToneTags(text: string): ToneSegment[] {
  const out: ToneSegment[] = [];
  let at = 0;
  for (const match of text.matchAll(TAG)) {
    const tag = match[2]!.toLowerCase();
    if (!Object.hasOwn(TONE_TAGS, tag)) continue;
    const start = match.index + match[1]!.length;
    if (start > at) out.push({ text: text.slice(at, start) });
    out.push({ text: `/${match[2]}`, tag });
    at = start + 1 + match[2]!.length;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

/** "/j — joking": the tooltip and accessible label of a tag. */
export function toneLabel(tag: string): string {
  return `/${tag} — ${TONE_TAGS[tag] ?? tag}`;
}
