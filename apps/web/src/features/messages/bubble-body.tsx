import type { ComponentChild } from 'preact';
import { decorateText } from './decorated-text.tsx';
import { plainText } from './markdown/markdown-tree.ts';
import { markdownElements } from './markdown/markdown-view.tsx';
import type { MessageMarkdown } from './markdown/message-markdown.ts';
import { meAction } from './me-action.ts';
import type { Mentionable } from './mentions/mention-text.ts';
import type { TimelineItem } from './timeline-item.ts';

/**
 * What a bubble shows of its text: Markdown elements with mentions and tone tags marked
 * up, the plain text (for labels and "Copy text"), and whether it is a "/me" action line
 * (then `body` is the action after "/me", kept on one line).
 *
 * The elements are made afresh on every render, never memoised: Preact keeps, in an
 * element it has rendered, a pointer to the parent it was first rendered under, so an
 * element reused across renders holds the whole list as it was then (rows long scrolled
 * away, their DOM included), and each such list holds the elements of its own past.
 * In a room catching up message by message that chain grew with every message until the
 * tab crashed (issue 11). The parse itself is cached by text (MessageMarkdown).
 */
export function bubbleBody(
  item: TimelineItem,
  markdown: MessageMarkdown | undefined,
  mentioned: readonly Mentionable[] | undefined,
  me: string,
): { body: ComponentChild[] | string; text: string; action: boolean; markdown: boolean } {
  const action = item.unreadable || item.image ? undefined : meAction(item.text);
  const written = action ?? item.text;
  // The notice of an unreadable message is ours, not Markdown someone wrote.
  const tree = item.unreadable ? undefined : markdown?.parse(written);
  const decorate = (t: string) => decorateText(t, mentioned ?? [], me);
  const isAction = action !== undefined;
  // An action line stays one line: a single paragraph's inside, without the <p>.
  const only = tree?.length === 1 ? tree[0] : undefined;
  const inline = isAction && typeof only === 'object' && only.tag === 'p' ? only.children : tree;
  if (tree && inline) {
    const body = markdownElements(inline, decorate);
    return { body, text: plainText(tree), action: isAction, markdown: true };
  }
  const body = item.unreadable ? written : decorate(written);
  return { body, text: written, action: isAction, markdown: false };
}
