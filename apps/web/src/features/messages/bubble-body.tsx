import type { ComponentChild } from 'preact';
import { useMemo } from 'preact/hooks';
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
 */
export function useBubbleBody(
  item: TimelineItem,
  markdown: MessageMarkdown | undefined,
  mentioned: readonly Mentionable[] | undefined,
  me: string,
): { body: ComponentChild[] | string; text: string; action: boolean; markdown: boolean } {
  const action = item.unreadable || item.image ? undefined : meAction(item.text);
  const written = action ?? item.text;
  // The notice of an unreadable message is ours, not Markdown someone wrote.
  const tree = item.unreadable ? undefined : markdown?.parse(written);
  const names = mentioned?.map((m) => `${m.id}=${m.name}`).join('\n');
  return useMemo(() => {
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
  }, [tree, written, names, me, item.unreadable]);
}
