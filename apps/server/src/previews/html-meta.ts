import { PREVIEW_LIMITS } from '@yam/protocol';
import { Parser } from 'htmlparser2';

/** What a page says about itself, before its image is fetched. */
export type PageMeta = {
  title?: string;
  description?: string;
  siteName?: string;
  imageUrl?: string;
};

// Control characters, bidi overrides and zero-width marks: they could disguise a title.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what it removes
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Collapses whitespace, drops hidden characters, trims and caps at `max` code points. */
export function cleanText(text: string | undefined, max: number): string | undefined {
  if (text === undefined) return undefined;
  const flat = text.replace(HIDDEN, ' ').replace(/\s+/g, ' ').trim();
  if (!flat) return undefined;
  const points = Array.from(flat);
  if (points.length <= max) return flat;
  return `${points
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/**
 * Reads og:title, og:description, og:site_name, og:image, <title> and the description meta
 * with htmlparser2 (no scripts run, no DOM built). Open Graph wins over the plain tags;
 * text is cleaned and capped. [P-PREV3]
 */
export function readPageMeta(html: string): PageMeta {
  const og = new Map<string, string>();
  let description: string | undefined;
  let title = '';
  let inTitle = false;
  let titleDone = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'title' && !titleDone) inTitle = true;
        if (name !== 'meta') return;
        const key = (attrs.property ?? attrs.name ?? '').toLowerCase();
        const content = attrs.content;
        if (content === undefined) return;
        if (key.startsWith('og:') && !og.has(key)) og.set(key, content);
        if (key === 'description' && description === undefined) description = content;
      },
      ontext(text) {
        if (inTitle && title.length < 4 * PREVIEW_LIMITS.maxTitleChars) title += text;
      },
      onclosetag(name) {
        if (name === 'title' && inTitle) {
          inTitle = false;
          titleDone = true;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const meta: PageMeta = {};
  const t = cleanText(og.get('og:title') ?? title, PREVIEW_LIMITS.maxTitleChars);
  const d = cleanText(og.get('og:description') ?? description, PREVIEW_LIMITS.maxDescriptionChars);
  const s = cleanText(og.get('og:site_name'), PREVIEW_LIMITS.maxSiteNameChars);
  const i = og.get('og:image')?.trim();
  if (t) meta.title = t;
  if (d) meta.description = d;
  if (s) meta.siteName = s;
  if (i) meta.imageUrl = i;
  return meta;
}
