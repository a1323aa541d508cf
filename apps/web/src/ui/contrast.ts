/** Text colours a bubble may use: whichever reads better on its background. */
export const LIGHT_TEXT = '#ffffff';
export const DARK_TEXT = '#1f1712';
/** WCAG AA for normal text. */
export const MIN_CONTRAST = 4.5;

const HEX = /^#[0-9a-f]{6}$/;

/** Whether `value` is a `#rrggbb` colour (lower case, as <input type=color> gives). */
export function isHexColour(value: string): boolean {
  return HEX.test(value);
}

/** WCAG relative luminance of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio between two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The text colour for a bubble background and how well it reads there. */
export function textOn(background: string): { text: string; ratio: number } {
  const light = contrastRatio(background, LIGHT_TEXT);
  const dark = contrastRatio(background, DARK_TEXT);
  return light >= dark ? { text: LIGHT_TEXT, ratio: light } : { text: DARK_TEXT, ratio: dark };
}

/** Whether text stays readable on this bubble colour (some mid tones fail both ways). */
export function isReadableBubble(background: string): boolean {
  return isHexColour(background) && textOn(background).ratio >= MIN_CONTRAST;
}

/** `a` moved towards `b` by `t` (0 to 1), channel by channel. */
export function mix(a: string, b: string, t: number): string {
  let out = '#';
  for (const i of [1, 3, 5]) {
    const x = Number.parseInt(a.slice(i, i + 2), 16);
    const y = Number.parseInt(b.slice(i, i + 2), 16);
    out += Math.round(x + (y - x) * t)
      .toString(16)
      .padStart(2, '0');
  }
  return out;
}

/**
 * The colour for small secondary text on a bubble (timestamps, "shared by"): the bubble's
 * text colour softened towards the background as far as it still reads at 4.5:1, and
 * never softer than 30% (beyond that it stops looking like the text's own colour).
 */
export function metaOn(background: string): string {
  const { text } = textOn(background);
  for (let t = 0.3; t > 0; t -= 0.05) {
    const softer = mix(text, background, t);
    if (contrastRatio(softer, background) >= MIN_CONTRAST) return softer;
  }
  return text;
}
