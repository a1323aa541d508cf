import type { ImageContent, ReplyTo } from '@yam/client';
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { copyText } from '../../platform/clipboard.ts';
import { useAppState } from '../../session/app-state-context.ts';
import { defaultDisplayName } from '../../session/display-name.ts';
import { Avatar } from '../../ui/avatar.tsx';
import { bubbleStyle } from '../../ui/bubble-style.ts';
import { authorHue } from './author-hue.ts';
import { fullTime, shortTime } from './format-time.ts';
import { plainText } from './markdown/markdown-tree.ts';
import { markdownElements } from './markdown/markdown-view.tsx';
import type { MessageMarkdown } from './markdown/message-markdown.ts';
import {
  type MessageAction,
  MessageActionsButton,
  MessageActionsMenu,
  useLongPress,
} from './message-actions.tsx';
import { ReactionChips } from './reactions/reaction-chips.tsx';
import { ReactionPicker } from './reactions/reaction-picker.tsx';
import { rememberEmoji } from './reactions/recent-emoji.ts';
import { quoteText } from './reply-excerpt.ts';
import { StatusMark } from './status-mark.tsx';
import type { TimelineItem } from './timeline-item.ts';
import './message-bubble.css';

/** What a bubble's menu, quote and chips do (the list wires them to the room). */
export type BubbleActions = {
  me: string;
  reply(item: TimelineItem, text: string): void;
  react(item: TimelineItem, emoji: string): void;
  /** Scrolls to the quoted message and highlights it, if it is loaded. */
  jump(replyTo: ReplyTo): void;
};

/** One speech bubble: own on the right, others on the left in their author's colour. */
export function MessageBubble(props: {
  item: TimelineItem;
  showAuthor: boolean;
  /** The room's Markdown parser (it caches each text's tree); plain text until it loads. */
  markdown: MessageMarkdown | undefined;
  renderImage(image: ImageContent): ComponentChildren;
  actions?: BubbleActions | undefined;
  /** The message this one replies to, when loaded. */
  quoted?: TimelineItem | undefined;
  /** Just jumped to from a reply's quote: briefly highlighted. */
  highlighted?: boolean;
}) {
  const { item, showAuthor, actions } = props;
  const [open, setOpen] = useState<'menu' | 'react' | undefined>(undefined);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [copied, setCopied] = useState(false);
  const longPress = useLongPress(() => actions && !item.unreadable && setOpen('menu'));
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
  const canAct = !!actions && !item.unreadable;
  const close = (refocus: boolean) => {
    setOpen(undefined);
    if (refocus) anchor?.focus();
  };
  function pick(action: MessageAction) {
    if (!actions) return;
    if (action === 'react') return setOpen('react');
    setOpen(undefined);
    // The quote is the text as written (what quoteText shows for a loaded original too).
    if (action === 'reply') actions.reply(item, item.text);
    if (action === 'copy') {
      void copyText(text).then(
        () => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        },
        () => undefined,
      );
    }
  }
  const quoteName = item.replyTo
    ? item.replyTo.author === actions?.me
      ? 'You'
      : profiles.nameOf(item.replyTo.author, defaultDisplayName(item.replyTo.author))
    : '';
  const quote = item.replyTo && quoteText(item.replyTo, props.quoted);
  const actionButton = canAct && (
    <MessageActionsButton
      open={open !== undefined}
      onToggle={(button) => {
        setAnchor(button);
        setOpen(open ? undefined : 'menu');
      }}
    />
  );
  return (
    <article
      class={`message ${side} ${showAuthor ? 'first' : 'cont'}`}
      aria-label={`${item.own ? 'You' : name}: ${item.image ? `Image ${text}`.trim() : text}`}
      data-cmid={item.cmid}
      onContextMenu={(e) => {
        if (!canAct || (e.target as HTMLElement).closest('a')) return;
        e.preventDefault();
        setAnchor(
          (e.currentTarget as HTMLElement).querySelector<HTMLElement>('.message-actions-button'),
        );
        setOpen('menu');
      }}
      {...(canAct ? longPress : {})}
    >
      {!item.own && (
        <div class="avatar-slot">
          {showAuthor && (
            <Avatar name={name} colour={colour} src={profiles.avatarUrl(profile?.avatar)} />
          )}
        </div>
      )}
      {item.own && actionButton}
      <div class="bubble-column">
        <div
          class={`bubble ${item.own ? '' : authorHue(item.from)} ${colour ? 'coloured' : ''} ${item.unreadable ? 'unreadable' : ''} ${props.highlighted ? 'highlighted' : ''}`}
          style={bubbleStyle(colour)}
        >
          {showAuthor && !item.own && <div class="author">{name}</div>}
          {item.replyTo && (
            <button
              type="button"
              class="reply-quote"
              aria-label={`Reply to ${quoteName}: ${quote}. Show the original`}
              onClick={() => item.replyTo && actions?.jump(item.replyTo)}
            >
              <span class="reply-author">{quoteName}</span>
              <span class="reply-excerpt">{quote}</span>
            </button>
          )}
          {item.image && props.renderImage(item.image)}
          {(!item.image || item.text) && <div class={tree ? 'text md' : 'text'}>{body}</div>}
          <div class="meta">
            {copied && <span role="status">Copied</span>}
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
        {item.reactions && actions && (
          <ReactionChips
            reactions={item.reactions}
            me={actions.me}
            nameOf={(from, sent) => profiles.nameOf(from, sent)}
            onToggle={(emoji) => actions.react(item, emoji)}
          />
        )}
      </div>
      {!item.own && actionButton}
      {open === 'menu' && (
        <MessageActionsMenu anchor={anchor} canCopy={!!text} onPick={pick} onClose={close} />
      )}
      {open === 'react' && actions && (
        <ReactionPicker
          anchor={anchor}
          onPick={(emoji) => {
            rememberEmoji(emoji);
            setOpen(undefined);
            actions.react(item, emoji);
          }}
          onClose={close}
        />
      )}
    </article>
  );
}
