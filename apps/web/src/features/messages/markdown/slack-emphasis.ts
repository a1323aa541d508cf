import type { Delimiter, MarkdownIt, StateInline } from 'markdown-it';

const STAR = 0x2a;
const UNDERSCORE = 0x5f;
const TILDE = 0x7e;

/** Slack's meaning of each marker: one character is enough (`*bold*`, not `**bold**`). */
const TAGS: Record<number, 's' | 'em' | 'strong'> = {
  [STAR]: 'strong',
  [UNDERSCORE]: 'em',
  [TILDE]: 's',
};

/**
 * Slack-flavoured emphasis for markdown-it: `*bold*`, `_italic_`, `~strike~`. It replaces
 * the CommonMark emphasis rule (where `*x*` is italic) and the `~~` strikethrough rule.
 * Markers never split a word (`snake_case_name`, `2*3*4` stay as typed), and a doubled
 * marker (`**bold**`, `~~gone~~`, as GitHub users type) means the same as a single one.
 * Pairing is markdown-it's own (balance_pairs), so nesting and unclosed markers behave
 * as in CommonMark.
 */
export function slackEmphasis(md: MarkdownIt): void {
  md.inline.ruler.at('emphasis', tokenize);
  md.inline.ruler2.at('emphasis', postProcess);
  md.inline.ruler.disable('strikethrough');
  md.inline.ruler2.disable('strikethrough');
}

function tokenize(state: StateInline, silent: boolean): boolean {
  const marker = state.src.charCodeAt(state.pos);
  if (silent || !(marker in TAGS)) return false;
  const scanned = state.scanDelims(state.pos, false);
  for (let i = 0; i < scanned.length; i++) {
    const token = state.push('text', '', 0);
    token.content = String.fromCharCode(marker);
    state.delimiters.push({
      marker,
      length: scanned.length,
      token: state.tokens.length - 1,
      end: -1,
      open: scanned.can_open,
      close: scanned.can_close,
    });
  }
  state.pos += scanned.length;
  return true;
}

function postProcess(state: StateInline): boolean {
  convert(state, state.delimiters);
  for (const meta of state.tokens_meta) if (meta?.delimiters) convert(state, meta.delimiters);
  return false;
}

/** Turns matched delimiter pairs into open/close tokens (as markdown-it's emphasis does). */
function convert(state: StateInline, delimiters: Delimiter[]): void {
  for (let i = delimiters.length - 1; i >= 0; i--) {
    const start = delimiters[i]!;
    const tag = TAGS[start.marker];
    if (!tag || start.end === -1) continue;
    const end = delimiters[start.end]!;
    // `**x**`: the outer pair wraps the inner one directly; both become one element.
    const outer = delimiters[i - 1];
    const doubled =
      outer !== undefined &&
      outer.end === start.end + 1 &&
      outer.marker === start.marker &&
      outer.token === start.token - 1 &&
      delimiters[start.end + 1]!.token === end.token + 1;
    const open = state.tokens[start.token]!;
    open.type = `${tag}_open`;
    open.tag = tag;
    open.nesting = 1;
    open.content = '';
    const close = state.tokens[end.token]!;
    close.type = `${tag}_close`;
    close.tag = tag;
    close.nesting = -1;
    close.content = '';
    if (doubled) {
      state.tokens[outer.token]!.content = '';
      state.tokens[delimiters[start.end + 1]!.token]!.content = '';
      i--;
    }
  }
}
