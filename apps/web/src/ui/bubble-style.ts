import { textOn } from './contrast.ts';
import { myColour } from './my-profile.ts';
import { profiles } from './profile-directory.ts';

/** The bubble colour of an author: their profile's, or undefined for the app default. */
export function colourOf(clientId: string, own: boolean): string | undefined {
  return own ? myColour.value : profiles.value.get(clientId)?.colour;
}

/**
 * Inline custom properties for a coloured bubble. Set through the CSSOM (an object, not
 * a style attribute string), which the strict CSP allows.
 */
export function bubbleStyle(colour: string | undefined): Record<string, string> | undefined {
  if (!colour) return undefined;
  const { text } = textOn(colour);
  return { '--bubble-bg': colour, '--author': text, color: text, 'border-color': 'transparent' };
}

/** The name to show for an author: the profile's, else the one carried in the message. */
export function nameOf(clientId: string, fallback: string): string {
  return profiles.value.get(clientId)?.name ?? fallback;
}
