import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PALETTE } from '../features/profile/palette.ts';
import { contrastRatio, isHexColour, MIN_CONTRAST, metaOn, textOn } from '../ui/contrast.ts';

// Reads the colours from the stylesheets themselves, so a new bubble colour, theme value or
// timestamp colour that reads below 4.5:1 fails here (issue 11: own timestamps on Sand,
// Mint, Sky and Blush were about 1.3:1).

const css = (path: string) =>
  readFileSync(new URL(path, import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

type Rules = Map<string, Map<string, string>>;
type Theme = 'light' | 'dark';

/** The stylesheet's rules outside and inside `@media (prefers-color-scheme: dark)`. */
function rulesOf(text: string): Record<Theme, Rules> {
  const out: Record<Theme, Rules> = { light: new Map(), dark: new Map() };
  let rest = text;
  const marker = /@media\s*\(prefers-color-scheme:\s*dark\)\s*\{/g;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    let depth = 1;
    let i = m.index + m[0].length;
    while (depth > 0 && i < text.length) {
      if (text[i] === '{') depth++;
      if (text[i] === '}') depth--;
      i++;
    }
    const inner = text.slice(m.index + m[0].length, i - 1);
    addRules(out.dark, inner);
    rest = rest.replace(text.slice(m.index, i), '');
  }
  addRules(out.light, rest.replace(/@media[^{]*\{[\s\S]*?\}\s*\}/g, ''));
  return out;
}

function addRules(into: Rules, text: string) {
  for (const [, selectors, body] of text.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    for (const selector of selectors!.split(',').map((s) => s.trim())) {
      const decls = into.get(selector) ?? new Map<string, string>();
      for (const [, prop, value] of body!.matchAll(/([-\w]+)\s*:\s*([^;]+);/g)) {
        decls.set(prop!, value!.trim());
      }
      into.set(selector, decls);
    }
  }
}

const app = rulesOf(css('./app.css'));
const bubble = rulesOf(css('../features/messages/message-bubble.css'));
const list = rulesOf(css('../features/messages/message-list.css'));

/** A rule's value in a theme: the dark rule if there is one, else the light one. */
function value(rules: Record<Theme, Rules>, theme: Theme, selector: string, prop: string) {
  return (
    (theme === 'dark' ? rules.dark.get(selector)?.get(prop) : undefined) ??
    rules.light.get(selector)?.get(prop)
  );
}

/** Resolves `var(--x)` against the theme's :root, down to a `#rrggbb`. */
function colour(theme: Theme, raw: string | undefined): string {
  let v = raw;
  for (let i = 0; i < 5 && v?.startsWith('var('); i++) {
    const name = /var\((--[-\w]+)/.exec(v)![1]!;
    v = value(app, theme, ':root', name);
  }
  if (!v || !isHexColour(v)) throw new Error(`not a #rrggbb colour: ${raw} -> ${v}`);
  return v;
}

const root = (theme: Theme, name: string) => colour(theme, value(app, theme, ':root', name));
const HUES = [...bubble.light.keys()].filter((s) => /^\.hue-\d+$/.test(s));

describe.each(['light', 'dark'] as const)('contrast in the %s scheme', (theme) => {
  const meta = colour(theme, value(bubble, theme, '.bubble', '--meta'));
  const text = root(theme, '--text');

  it('finds the colours it checks (the parser still reads the stylesheets)', () => {
    expect(HUES.length).toBeGreaterThanOrEqual(8);
    expect(isHexColour(meta)).toBe(true);
  });

  it('text, names and timestamps reach 4.5:1 on every author colour', () => {
    for (const hue of HUES) {
      const bg = colour(theme, value(bubble, theme, hue, '--bubble-bg'));
      const author = colour(theme, value(bubble, theme, hue, '--author'));
      expect(contrastRatio(text, bg), `${hue} text`).toBeGreaterThanOrEqual(MIN_CONTRAST);
      expect(contrastRatio(author, bg), `${hue} name`).toBeGreaterThanOrEqual(MIN_CONTRAST);
      expect(contrastRatio(meta, bg), `${hue} time`).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }
  });

  it('own bubbles and plain bubbles read at 4.5:1, timestamps too', () => {
    const own = root(theme, '--own-bubble');
    const ownText = root(theme, '--own-text');
    expect(contrastRatio(ownText, own)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    const surface = root(theme, '--surface');
    expect(contrastRatio(text, surface)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(meta, surface)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(root(theme, '--accent'), surface)).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  it('grey lines (dates, membership, notices) and the unread divider read at 4.5:1', () => {
    const muted = root(theme, '--muted');
    for (const bg of ['--bg', '--surface', '--surface-2']) {
      expect(contrastRatio(muted, root(theme, bg)), bg).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }
    const divider = colour(theme, value(list, theme, '.unread-divider', 'color'));
    expect(contrastRatio(divider, root(theme, '--bg'))).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  it('buttons in the accent colour read at 4.5:1', () => {
    const accentText = root(theme, '--accent-text');
    expect(contrastRatio(accentText, root(theme, '--accent'))).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });
});

describe('small text is never see-through', () => {
  // Opacity on a timestamp blends it into its bubble: the 1.3:1 of issue 11 came from it.
  it('no rule for timestamps or meta lines sets an opacity below 1', () => {
    const files = [
      './app.css',
      '../ui/avatar.css',
      '../features/messages/message-bubble.css',
      '../features/messages/message-list.css',
    ];
    for (const file of files) {
      const rules = rulesOf(css(file));
      for (const theme of ['light', 'dark'] as const) {
        for (const [selector, decls] of rules[theme]) {
          if (!/\.meta\b|\btime\b/.test(selector)) continue;
          const opacity = decls.get('opacity');
          expect(opacity === undefined || Number(opacity) >= 1, `${file} ${selector}`).toBe(true);
        }
      }
    }
  });
});

describe('profile colours (either scheme: the bubble sets its own text)', () => {
  it('text and timestamps reach 4.5:1 on every palette colour', () => {
    for (const { name, value: bg } of PALETTE) {
      expect(textOn(bg).ratio, name).toBeGreaterThanOrEqual(MIN_CONTRAST);
      expect(contrastRatio(metaOn(bg), bg), name).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }
  });
});
