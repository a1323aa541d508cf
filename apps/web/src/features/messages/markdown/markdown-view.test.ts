import fc from 'fast-check';
import type { ComponentChild, VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { markdownElements } from './markdown-view.tsx';
import { MessageMarkdown } from './message-markdown.ts';

const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
];
const SAFE_HREF = /^(https?|mailto):/;

/** Every element in a rendered tree, depth first. */
function* elements(child: ComponentChild): Generator<VNode<Record<string, unknown>>> {
  if (child === null || child === undefined || typeof child !== 'object') return;
  if (Array.isArray(child)) {
    for (const c of child) yield* elements(c);
    return;
  }
  const vnode = child as VNode<Record<string, unknown>>;
  yield vnode;
  yield* elements(vnode.props.children as ComponentChild);
}

const render = (md: MessageMarkdown, text: string) => markdownElements(md.parse(text));

describe('Markdown elements', () => {
  const md = new MessageMarkdown();

  it('renders links that open in a new tab without opener or referrer', () => {
    const links = [...elements(render(md, 'go to https://example.org/x now'))].filter(
      (e) => e.type === 'a',
    );
    expect(links).toHaveLength(1);
    expect(links[0]!.props).toMatchObject({
      href: 'https://example.org/x',
      rel: 'noopener noreferrer',
      target: '_blank',
      children: ['https://example.org/x'],
    });
  });

  it('keeps "<script>" and event-handler text as text children, never as elements or props', () => {
    const rendered = render(md, '<script>alert(1)</script> <img src=x onerror=alert(1)>');
    const all = [...elements(rendered)];
    expect(all.map((e) => e.type)).toEqual(['p']);
    expect(all[0]!.props.children).toEqual([
      '<script>alert(1)</script> <img src=x onerror=alert(1)>',
    ]);
    expect(JSON.stringify(all.map((e) => Object.keys(e.props)))).not.toMatch(
      /dangerously|on[a-z]/i,
    );
  });

  it('numbers a list from where it starts, and code blocks are scrollable by keyboard', () => {
    const all = [...elements(render(md, '5. five\n6. six\n\n```\ncode\n```'))];
    expect(all.find((e) => e.type === 'ol')!.props.start).toBe(5);
    expect(all.find((e) => e.type === 'pre')!.props.tabIndex).toBe(0);
  });
});

describe('Markdown renderer, any input (property)', () => {
  // Pieces that exercise every rule, and the ways to smuggle markup or a script link.
  const piece = fc.constantFrom(
    '*',
    '_',
    '~',
    '`',
    '```',
    '**',
    '\n',
    '\n\n',
    ' ',
    '> ',
    '- ',
    '1. ',
    '* ',
    '\\',
    '[',
    ']',
    '(',
    ')',
    '<',
    '>',
    '"',
    "'",
    '&',
    '&amp;',
    '&#106;',
    '=',
    ':',
    '/',
    '@',
    '.',
    'a',
    'word',
    'x@y.org',
    'http://',
    'https://',
    'mailto:',
    'javascript:',
    'JaVaScRiPt:',
    'data:',
    'file:',
    'vbscript:',
    'ftp://',
    '//',
    'www.',
    'example.org',
    '%0a',
    '\t',
    '\u0000',
    '<script>',
    '<img onerror=x>',
    '<a href=',
    '![',
    'ｊａｖａ',
    '\u202e',
    '🍠',
  );
  const message = fc.oneof(
    fc.array(piece, { maxLength: 60 }).map((parts) => parts.join('')),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );

  it('never throws, makes only the allowed tags, and links only to http, https or mailto', () => {
    const md = new MessageMarkdown();
    fc.assert(
      fc.property(message, (text) => {
        for (const element of elements(render(md, text))) {
          expect(ALLOWED_TAGS).toContain(element.type);
          const href = element.props.href;
          if (element.type === 'a') {
            expect(href).toMatch(SAFE_HREF);
            expect(new URL(href as string).protocol).toMatch(/^(https?|mailto):$/);
            expect(element.props.rel).toBe('noopener noreferrer');
          } else {
            expect(href).toBeUndefined();
          }
          for (const key of Object.keys(element.props)) {
            expect(['children', 'href', 'rel', 'target', 'start', 'tabIndex']).toContain(key);
          }
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('loses no visible text: every letter typed outside markup shows', () => {
    const md = new MessageMarkdown();
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('*', '_', '~', '> ', '- ', 'ab', ' ', '\n'), { maxLength: 40 }),
        (parts) => {
          const text = parts.join('');
          const shown = JSON.stringify(md.parse(text));
          const letters = (text.match(/ab/g) ?? []).length;
          expect((shown.match(/ab/g) ?? []).length).toBe(letters);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
