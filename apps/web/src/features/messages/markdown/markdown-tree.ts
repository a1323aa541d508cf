import type { Token } from 'markdown-it';

/** The elements a message may contain: nothing else can come out of the renderer. */
export type MdTag =
  | 'p'
  | 'strong'
  | 'em'
  | 's'
  | 'code'
  | 'pre'
  | 'blockquote'
  | 'ul'
  | 'ol'
  | 'li'
  | 'a';

/** A parsed message: plain data (cached per text), turned into Preact elements per render. */
export type MdNode = string | MdElement;
export type MdElement = {
  tag: MdTag;
  children: MdNode[];
  /** `a` only: an http, https or mailto URL (checked again here, whatever the parser said). */
  href?: string;
  /** `ol` only: the first item's number when it is not 1. */
  start?: number;
};

const SAFE_PROTOCOLS: readonly string[] = ['http:', 'https:', 'mailto:'];

/** `href` when it is an absolute http, https or mailto URL, else undefined. */
export function safeHref(href: string | null | undefined): string | undefined {
  if (!href) return undefined;
  try {
    return SAFE_PROTOCOLS.includes(new URL(href).protocol) ? href : undefined;
  } catch {
    return undefined;
  }
}

/** Token types that open and close one of our elements, by markdown-it's names. */
const PAIRS: Record<string, MdTag> = {
  paragraph: 'p',
  blockquote: 'blockquote',
  bullet_list: 'ul',
  ordered_list: 'ol',
  list_item: 'li',
  strong: 'strong',
  em: 'em',
  s: 's',
  link: 'a',
};

/**
 * Builds the element tree from markdown-it's token stream. Only the tags above are made;
 * a token of any other type keeps its text (never dropped, never markup). Returns
 * undefined when the tree would exceed `maxNodes`: the caller shows the plain text.
 */
export function tokensToTree(tokens: Token[], maxNodes: number): MdNode[] | undefined {
  const root: MdElement = { tag: 'p', children: [] };
  // Open elements; `undefined` marks a transparent wrapper (a tight list's paragraph,
  // a link whose URL failed the check) whose children go to the element below it.
  const stack: (MdElement | undefined)[] = [root];
  let count = 0;
  const parent = (): MdElement => {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i]) return stack[i]!;
    return root;
  };
  const add = (node: MdNode): boolean => {
    if (++count > maxNodes) return false;
    const into = parent();
    const last = into.children.at(-1);
    if (typeof node === 'string' && typeof last === 'string') {
      into.children[into.children.length - 1] = last + node;
    } else {
      into.children.push(node);
    }
    return true;
  };
  const walk = (list: Token[]): boolean => {
    for (const token of list) {
      const pair = token.type.replace(/_(open|close)$/, '');
      const tag = PAIRS[pair];
      if (tag && token.nesting === 1) {
        let element: MdElement | undefined = { tag, children: [] };
        if (token.hidden) element = undefined;
        if (tag === 'a') {
          const href = safeHref(String(token.attrGet('href') ?? ''));
          element = href ? { tag, children: [], href } : undefined;
        }
        if (tag === 'ol') {
          const start = Number(token.attrGet('start') ?? 1);
          if (Number.isSafeInteger(start) && start !== 1) element = { tag, children: [], start };
        }
        if (element && !add(element)) return false;
        stack.push(element);
        continue;
      }
      if (tag && token.nesting === -1) {
        if (stack.length > 1) stack.pop();
        continue;
      }
      let ok = true;
      switch (token.type) {
        case 'inline':
          ok = walk(token.children ?? []);
          break;
        case 'softbreak':
        case 'hardbreak':
          // A line break stays a "\n" (the text is pre-wrap): copied text keeps its lines.
          ok = add('\n');
          break;
        case 'code_inline':
          ok = add({ tag: 'code', children: [token.content] });
          break;
        case 'fence':
        case 'code_block': {
          // As in Slack, text after the opening ``` is the block's first line, not a
          // language name (there is no highlighting): nothing typed disappears.
          const info = token.info.trim();
          const code = info ? `${info}\n${token.content}` : token.content;
          ok = add({ tag: 'pre', children: [{ tag: 'code', children: [code] }] });
          break;
        }
        default:
          // text, text_special and anything unexpected: its text, as text.
          if (token.content) ok = add(token.content);
      }
      if (!ok) return false;
    }
    return true;
  };
  return walk(tokens) ? root.children : undefined;
}

/** The text a tree shows, blocks on their own lines (for labels and search). */
export function plainText(nodes: readonly MdNode[]): string {
  let out = '';
  const visit = (node: MdNode) => {
    if (typeof node === 'string') {
      out += node;
      return;
    }
    node.children.forEach(visit);
    if (BLOCKS.includes(node.tag) && !out.endsWith('\n')) out += '\n';
  };
  nodes.forEach(visit);
  return out.trimEnd();
}

const BLOCKS: readonly MdTag[] = ['p', 'pre', 'blockquote', 'ul', 'ol', 'li'];
