import { metaOn, textOn } from './contrast.ts';

/**
 * Inline custom properties for a coloured bubble. Set through the CSSOM (an object, not
 * a style attribute string), which the strict CSP allows.
 */
export function bubbleStyle(colour: string | undefined): Record<string, string> | undefined {
  if (!colour) return undefined;
  const { text } = textOn(colour);
  return {
    '--bubble-bg': colour,
    '--author': text,
    '--meta': metaOn(colour),
    color: text,
    'border-color': 'transparent',
  };
}
