import type { ImageContent } from '@yam/client';
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { useAppState } from '../../session/app-state-context.ts';
import { defaultDisplayName } from '../../session/display-name.ts';
import { Avatar } from '../../ui/avatar.tsx';
import { bubbleStyle } from '../../ui/bubble-style.ts';
import { authorHue } from './author-hue.ts';
import { fullTime, shortTime } from './format-time.ts';
import { plainText } from './markdown/markdown-tree.ts';
import { markdownElements } from './markdown/markdown-view.tsx';
import type { MessageMarkdown } from './markdown/message-markdown.ts';
import { StatusMark } from './status-mark.tsx';
import type { TimelineItem } from './timeline-item.ts';
import './message-bubble.css';

/** One speech bubble: own on the right, others on the left in their author's colour. */
export function MessageBubble(props: {
  item: TimelineItem;
  showAuthor: boolean;
  /** The room's Markdown parser (it caches each text's tree); plain text until it loads. */
  markdown: MessageMarkdown | undefined;
  renderImage(image: ImageContent): ComponentChildren;
}) {
  const { item, showAuthor } = props;
  const { profiles } = useAppState();
  const side = item.own ? 'own' : 'other';
  // Profiles recolour and rename bubbles live, existing ones included.
  const name = item.own ? item.name : profiles.nameOf(item.from, item.name);
  const colour = profiles.colourOf(item.from, item.own);
  const profile = item.own ? undefined : profiles.profiles.value.get(item.from);
  useEffect(() => {
    if (!item.own) profiles.meetAuthor(item.from);
  }, [item.from, item.own]);
  // The notice of an unreadable message is ours, not Markdown someone wrote.
  const tree = item.unreadable ? undefined : props.markdown?.parse(item.text);
  const { body, text } = useMemo(
    () =>
      tree
        ? { body: markdownElements(tree), text: plainText(tree) }
        : { body: item.text, text: item.text },
    [tree, item.text],
  );
  return (
    <article
      class={`message ${side} ${showAuthor ? 'first' : 'cont'}`}
      aria-label={`${item.own ? 'You' : name}: ${item.image ? `Image ${text}`.trim() : text}`}
    >
      {!item.own && (
        <div class="avatar-slot">
          {showAuthor && (
            <Avatar name={name} colour={colour} src={profiles.avatarUrl(profile?.avatar)} />
          )}
        </div>
      )}
      <div
        class={`bubble ${item.own ? '' : authorHue(item.from)} ${colour ? 'coloured' : ''} ${item.unreadable ? 'unreadable' : ''}`}
        style={bubbleStyle(colour)}
      >
        {showAuthor && !item.own && <div class="author">{name}</div>}
        {item.image && props.renderImage(item.image)}
        {(!item.image || item.text) && <div class={tree ? 'text md' : 'text'}>{body}</div>}
        <div class="meta">
          <time dateTime={new Date(item.ts).toISOString()} title={fullTime(item.ts)}>
            {shortTime(item.ts)}
          </time>
          {item.sharedBy && (
            <span class="shared-by">
              shared by {profiles.nameOf(item.sharedBy, defaultDisplayName(item.sharedBy))}
            </span>
          )}
          {item.status !== 'received' && <StatusMark status={item.status} />}
        </div>
      </div>
    </article>
  );
}
