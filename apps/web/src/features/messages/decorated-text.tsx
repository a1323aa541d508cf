import type { ComponentChild } from 'preact';
import { type Mentionable, splitMentions } from './mentions/mention-text.ts';
import { splitToneTags, toneLabel } from './tone/tone-tags.ts';

/**
 * Text with its `@Name` mentions highlighted (distinctly when it is you) and its tone
 * tags as small labelled tags. Everything stays text nodes: nothing is parsed as HTML.
 */
export function decorateText(
  text: string,
  mentioned: readonly Mentionable[],
  me: string,
): ComponentChild[] {
  const out: ComponentChild[] = [];
  for (const part of splitMentions(text, mentioned)) {
    if (part.id) {
      out.push(
        <span class={`mention ${part.id === me ? 'me' : ''}`} data-mention={part.id}>
          {part.text}
        </span>,
      );
      continue;
    }
    for (const piece of splitToneTags(part.text)) {
      if (!piece.tag) {
        out.push(piece.text);
        continue;
      }
      const label = toneLabel(piece.tag);
      out.push(
        <abbr class="tone-tag" title={label} aria-label={label}>
          {piece.text}
        </abbr>,
      );
    }
  }
  return out;
}
