import MarkdownItParser, { type MarkdownIt, type Token } from 'markdown-it';
import { type MdNode, tokensToTree } from './markdown-tree.ts';
import { separateBlocks } from './slack-blocks.ts';
import { slackEmphasis } from './slack-emphasis.ts';

/** Longer texts are shown as typed (content is capped at 16,000 characters anyway). */
export const MAX_MARKDOWN_LENGTH = 20_000;
/** A message that would make more elements than this is shown as plain text. */
export const MAX_MARKDOWN_NODES = 2_000;
/** Quotes and lists nested deeper than this are shown as plain text (see `parse`). */
const MAX_NESTING = 16;
/** Parsed messages kept; enough for every bubble a room view shows and scrolls back to. */
const CACHE_SIZE = 1_000;

/** The protocols a link may have; anything else (javascript:, data:, file:) stays text. */
const LINK = /^(https?|mailto):/i;

/**
 * Slack-flavoured Markdown for message text: `*bold*`, `_italic_`, `~strike~`,
 * `` `code` ``, fenced code blocks, `> quotes`, lists, and auto-linked URLs and e-mail
 * addresses. Raw HTML, headings, images, tables and `[text](url)` links are off: a link
 * always shows its own address. Results are plain data, cached by text, so each message
 * is parsed once however often its bubble renders.
 */
export class MessageMarkdown {
  readonly #md: MarkdownIt;
  readonly #cache = new Map<string, readonly MdNode[]>();

  constructor() {
    const md = new MarkdownItParser('zero', {
      html: false,
      linkify: true,
      breaks: true,
      typographer: false,
      maxNesting: MAX_NESTING,
    });
    md.enable(['paragraph', 'blockquote', 'fence', 'list'], true);
    md.enable(['newline', 'escape', 'backticks', 'emphasis', 'autolink', 'linkify'], true);
    md.enable(['linkify', 'text_join'], true);
    md.use(slackEmphasis);
    md.validateLink = (url) => LINK.test(url);
    // linkify-it also knows ftp: and protocol-relative `//host` links; we do not.
    md.linkify.add('ftp:', null).add('//', null);
    this.#md = md;
  }

  /** The element tree of `text` (cached); plain text when it is too long or too deep. */
  parse(text: string): readonly MdNode[] {
    const cached = this.#cache.get(text);
    if (cached) {
      // Most recently used last, so the oldest entry is the first to go.
      this.#cache.delete(text);
      this.#cache.set(text, cached);
      return cached;
    }
    const nodes = this.#parse(text);
    this.#cache.set(text, nodes);
    if (this.#cache.size > CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value!);
    return nodes;
  }

  #parse(text: string): readonly MdNode[] {
    if (text.length > MAX_MARKDOWN_LENGTH) return [text];
    const tokens = this.#md.parse(separateBlocks(text), {});
    // markdown-it skips whatever lies past maxNesting: rather than lose text, show it all plain.
    if (tokens.some((t: Token) => t.level >= MAX_NESTING - 1)) return [text];
    return tokensToTree(tokens, MAX_MARKDOWN_NODES) ?? [text];
  }
}
