import { describe, expect, it } from 'vitest';
import { snippetOf } from './snippet.ts';

const marked = (text: string, terms: string[]) =>
  snippetOf(text, terms)
    .map((p) => (p.match ? `[${p.text}]` : p.text))
    .join('');

describe('snippetOf', () => {
  it('marks matched words, prefixes and accented forms', () => {
    expect(marked('Meet at the Café, bring cafeteria trays', ['cafe'])).toBe(
      'Meet at the [Café], bring [cafeteria] trays',
    );
  });

  it('shows a window around the first match in a long message', () => {
    const text = `${'filler '.repeat(60)}the picnic is on Sunday ${'more '.repeat(60)}`;
    const out = marked(text, ['picnic']);
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out).toContain('the [picnic] is on Sunday');
    expect(out.length).toBeLessThan(200);
  });

  it('shows the start when nothing matches (a fuzzy hit)', () => {
    expect(marked('short text', ['zzz'])).toBe('short text');
  });
});
