import { describe, expect, it } from 'vitest';
import { plainText } from './markdown-tree.ts';
import { MAX_MARKDOWN_LENGTH, MAX_MARKDOWN_NODES, MessageMarkdown } from './message-markdown.ts';
import { PATHOLOGICAL_MARKDOWN } from './pathological-inputs.ts';

const md = new MessageMarkdown();
/** The tree as compact HTML-like text, to compare whole results at a glance. */
const show = (text: string) => serialise(md.parse(text));

type Node = string | { tag: string; children: Node[]; href?: string; start?: number };
function serialise(nodes: readonly Node[]): string {
  return nodes
    .map((n) => {
      if (typeof n === 'string') return n;
      const attrs = `${n.href ? ` href="${n.href}"` : ''}${n.start ? ` start=${n.start}` : ''}`;
      return `<${n.tag}${attrs}>${serialise(n.children)}</${n.tag}>`;
    })
    .join('');
}

describe('Slack-flavoured Markdown', () => {
  it('reads single markers as Slack does: *bold* _italic_ ~strike~ `code`', () => {
    expect(show('*bold* _italic_ ~strike~ `code`')).toBe(
      '<p><strong>bold</strong> <em>italic</em> <s>strike</s> <code>code</code></p>',
    );
  });

  it('takes doubled markers (GitHub habit) to mean the same, once', () => {
    expect(show('**bold** ~~gone~~ __slanted__')).toBe(
      '<p><strong>bold</strong> <s>gone</s> <em>slanted</em></p>',
    );
  });

  it('nests markers and leaves unclosed ones as typed', () => {
    expect(show('*bold _both_*')).toBe('<p><strong>bold <em>both</em></strong></p>');
    expect(show('_~*all three*~_')).toBe('<p><em><s><strong>all three</strong></s></em></p>');
    expect(show('*unclosed and _open')).toBe('<p>*unclosed and _open</p>');
    expect(show('*a _b* c_')).toBe('<p><strong>a _b</strong> c_</p>');
    expect(show('* not a list*')).toBe('<ul><li>not a list*</li></ul>');
  });

  it('never splits words: snake_case, 2*3*4 and a~b~c stay as typed', () => {
    expect(show('snake_case_name 2*3*4 a~b~c')).toBe('<p>snake_case_name 2*3*4 a~b~c</p>');
    expect(show('* * *')).toBe('<ul><li><ul><li><ul><li></li></ul></li></ul></li></ul>');
  });

  it('keeps markers inside code spans and code blocks literal', () => {
    expect(show('`*not bold* _x_ <b>`')).toBe('<p><code>*not bold* _x_ <b></code></p>');
    expect(show('```\nconst *x* = a_b;\n> not a quote\n```')).toBe(
      '<pre><code>const *x* = a_b;\n> not a quote\n</code></pre>',
    );
    // Slack has no language names: the first line's text stays in the block.
    expect(show('```js\nx\n```')).toBe('<pre><code>js\nx\n</code></pre>');
    expect(show('```\nunclosed fence *x*')).toBe('<pre><code>unclosed fence *x*</code></pre>');
  });

  it('makes quotes, bullet lists and numbered lists', () => {
    expect(show('> quoted\n> twice')).toBe('<blockquote><p>quoted\ntwice</p></blockquote>');
    expect(show('- one\n- *two*')).toBe('<ul><li>one</li><li><strong>two</strong></li></ul>');
    expect(show('1. first\n2. second')).toBe('<ol><li>first</li><li>second</li></ol>');
    expect(show('3. third\n4. fourth')).toBe('<ol start=3><li>third</li><li>fourth</li></ol>');
    expect(show('> - in a quote')).toBe('<blockquote><ul><li>in a quote</li></ul></blockquote>');
  });

  it('keeps line breaks as typed, and shows nothing it does not support as markup', () => {
    expect(show('line one\nline two')).toBe('<p>line one\nline two</p>');
    expect(show('# not a heading\n---\n| a | b |')).toBe('<p># not a heading\n---\n| a | b |</p>');
    expect(show('![img](https://example.org/x.png)')).toBe(
      '<p>![img](<a href="https://example.org/x.png">https://example.org/x.png</a>)</p>',
    );
    expect(show('\\*escaped\\*')).toBe('<p>*escaped*</p>');
  });

  it('links http, https and mailto addresses, showing the address itself', () => {
    expect(show('see https://example.org/a_b_c?q=*x*, or mail me@example.org')).toBe(
      '<p>see <a href="https://example.org/a_b_c?q=*x">https://example.org/a_b_c?q=*x</a>*, or mail <a href="mailto:me@example.org">me@example.org</a></p>',
    );
    expect(show('<http://example.org> mailto:a@b.org')).toBe(
      '<p><a href="http://example.org">http://example.org</a> <a href="mailto:a@b.org">mailto:a@b.org</a></p>',
    );
    // A link text that differs from its address would hide where it goes: not supported.
    expect(show('[bank](https://evil.example)')).toBe(
      '<p>[bank](<a href="https://evil.example">https://evil.example</a>)</p>',
    );
  });
});

describe('hostile input stays text', () => {
  const cases: [string, string][] = [
    ['<script>alert(1)</script>', '<p><script>alert(1)</script></p>'],
    ['<img src=x onerror=alert(1)>', '<p><img src=x onerror=alert(1)></p>'],
    ['[x](javascript:alert(1))', '<p>[x](javascript:alert(1))</p>'],
    ['<javascript:alert(1)>', '<p><javascript:alert(1)></p>'],
    [
      'javascript:alert(1) data:text/html,<b>x</b>',
      '<p>javascript:alert(1) data:text/html,<b>x</b></p>',
    ],
    [
      'file:///etc/passwd ftp://example.org //example.org',
      '<p>file:///etc/passwd ftp://example.org //example.org</p>',
    ],
    [
      '&lt;script&gt; &#x6A;avascript:alert(1) &amp;',
      '<p>&lt;script&gt; &#x6A;avascript:alert(1) &amp;</p>',
    ],
    ['<a href="javascript:alert(1)">x</a>', '<p><a href="javascript:alert(1)">x</a></p>'],
  ];
  for (const [input, expected] of cases) {
    it(`shows ${JSON.stringify(input)} as typed`, () => {
      const nodes = md.parse(input);
      // Text only: every string is a text node, so "<script>" is characters, not markup.
      expect(serialise(nodes)).toBe(expected);
      expect(JSON.stringify(nodes)).not.toContain('"href":"javascript');
    });
  }
});

/** Elements and text runs in a tree. */
function countNodes(nodes: readonly Node[]): number {
  return nodes.reduce<number>(
    (sum, n) => sum + 1 + (typeof n === 'string' ? 0 : countNodes(n.children)),
    0,
  );
}

describe('bounded work', () => {
  it('parses each text once: the second call returns the cached tree', () => {
    const parser = new MessageMarkdown();
    const first = parser.parse('*cached*');
    expect(parser.parse('*cached*')).toBe(first);
  });

  it('shows very long or very element-heavy texts as plain text, whole', () => {
    const long = `*${'x'.repeat(MAX_MARKDOWN_LENGTH)}*`;
    expect(md.parse(long)).toEqual([long]);
    const heavy = '*a* '.repeat(MAX_MARKDOWN_NODES);
    expect(md.parse(heavy)).toEqual([heavy]);
  });

  it('shows deeply nested quotes as plain text rather than dropping what lies deeper', () => {
    const deep = `${'> '.repeat(40)}deep\nafter`;
    expect(plainText(md.parse(deep))).toContain('after');
    expect(plainText(md.parse(deep))).toContain('deep');
  });

  it('parses 16,000-character pathological inputs to a bounded tree (timed in bench/markdown)', () => {
    for (const input of PATHOLOGICAL_MARKDOWN) {
      const nodes = new MessageMarkdown().parse(input);
      expect(countNodes(nodes), input.slice(0, 12)).toBeLessThanOrEqual(MAX_MARKDOWN_NODES + 1);
      expect(plainText(nodes).length, input.slice(0, 12)).toBeLessThanOrEqual(input.length);
    }
  });
});

describe('plain text of a message', () => {
  it('drops the markers and keeps blocks on their own lines', () => {
    expect(plainText(md.parse('*bold* and _it_\n> quote\n\n- a\n- b'))).toBe(
      'bold and it\nquote\na\nb',
    );
  });
});
