import type { MediaContent, ReplyTo } from '@yam/client';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { copyText } from '../../platform/clipboard.ts';
import { useAppState } from '../../session/app-state-context.ts';
import { defaultDisplayName } from '../../session/display-name.ts';
import { Avatar } from '../../ui/avatar.tsx';
import { bubbleStyle } from '../../ui/bubble-style.ts';
import { authorHue } from './author-hue.ts';
import { bubbleBody } from './bubble-body.tsx';
import { DeleteDialog } from './delete-dialog.tsx';
import { fullTime, shortTime } from './format-time.ts';
import type { MessageMarkdown } from './markdown/message-markdown.ts';
import {
  type MessageAction,
  MessageActionsButton,
  MessageActionsMenu,
  useLongPress,
} from './message-actions.tsx';
import { LinkPreviewCard } from './previews/link-preview-card.tsx';
import { showsPreview } from './previews/shows-preview.ts';
import { ReactionChips } from './reactions/reaction-chips.tsx';
import { ReactionPicker } from './reactions/reaction-picker.tsx';
import { rememberEmoji } from './reactions/recent-emoji.ts';
import { quoteText } from './reply-excerpt.ts';
import { StatusMark } from './status-mark.tsx';
import { ThreadLink } from './threads/thread-link.tsx';
import type { TimelineItem } from './timeline-item.ts';
import { Tombstone } from './tombstone.tsx';
import './message-bubble.css';
import './message-changes.css';

/** What a bubble's menu, quote and chips do (the list wires them to the room). */
export type BubbleActions = {
  me: string;
  /** Your own display name (for "/me" lines and mentions of you). */
  myName?: string;
  reply(item: TimelineItem, text: string): void;
  react(item: TimelineItem, emoji: string): void;
  /** Scrolls to the quoted message and highlights it, if it is loaded. */
  jump(replyTo: ReplyTo): void;
  /** Puts one of your own messages in the composer to edit it. */
  edit?(item: TimelineItem): void;
  /** Deletes a message (after the dialog's confirmation). */
  remove?(item: TimelineItem): void;
  /** Whether you may delete this message: your own, or as owner or admin. */
  mayDelete?(item: TimelineItem): boolean;
  /** Names the mentioned client IDs as the composer wrote them (`@Name`). */
  mentionNames?(ids: readonly string[]): { id: string; name: string }[];
  /** Opens the thread of this message (starting one when it has none). */
  openThread?(item: TimelineItem): void;
};

/** One speech bubble: own on the right, others on the left in their author's colour. */
export function MessageBubble(props: {
  item: TimelineItem;
  showAuthor: boolean;
  /** The room's Markdown parser (it caches each text's tree); plain text until it loads. */
  markdown: MessageMarkdown | undefined;
  renderImage(media: MediaContent): ComponentChildren;
  actions?: BubbleActions | undefined;
  /** The message this one replies to, when loaded. */
  quoted?: TimelineItem | undefined;
  /** Just jumped to from a reply's quote: briefly highlighted. */
  highlighted?: boolean;
}) {
  const { item, showAuthor, actions } = props;
  const [open, setOpen] = useState<'menu' | 'react' | 'delete' | undefined>(undefined);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [copied, setCopied] = useState(false);
  const longPress = useLongPress(
    () => actions && !item.unreadable && !item.deleted && setOpen('menu'),
  );
  const { profiles } = useAppState();
  const side = item.own ? 'own' : 'other';
  // Profiles recolour and rename bubbles live, existing ones included.
  const name = item.own ? item.name : profiles.nameOf(item.from, item.name);
  const colour = profiles.colourOf(item.from, item.own);
  const profile = item.own ? undefined : profiles.profiles.value.get(item.from);
  useEffect(() => {
    if (!item.own) profiles.meetAuthor(item.from);
  }, [item.from, item.own]);
  const mentioned =
    item.mentions &&
    (actions?.mentionNames?.(item.mentions) ??
      item.mentions.map((id) => ({ id, name: profiles.nameOf(id, defaultDisplayName(id)) })));
  // "/me waves" is an action line: "Alice waves".
  const { body, text, action, markdown } = bubbleBody(
    item,
    props.markdown,
    mentioned,
    actions?.me ?? '',
  );
  const canAct = !!actions && !item.unreadable && !item.deleted;
  const allowed = new Set<MessageAction>(['reply', 'react']);
  if (text) allowed.add('copy');
  if (actions?.openThread && !item.thread) allowed.add('thread');
  if (
    actions?.edit &&
    item.own &&
    !item.image &&
    !item.sticker &&
    !item.voice &&
    item.status !== 'pending'
  )
    allowed.add('edit');
  if (actions?.remove && actions.mayDelete?.(item) && item.status !== 'pending') {
    allowed.add('delete');
  }
  const close = (refocus: boolean) => {
    setOpen(undefined);
    if (refocus) anchor?.focus();
  };
  function pick(action: MessageAction) {
    if (!actions) return;
    if (action === 'react') return setOpen('react');
    if (action === 'delete') return setOpen('delete');
    setOpen(undefined);
    if (action === 'edit') actions.edit?.(item);
    if (action === 'thread') actions.openThread?.(item);
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
  if (item.deleted) {
    return (
      <Tombstone
        item={item}
        showAuthor={showAuthor}
        name={name}
        byName={
          item.deleted.by === actions?.me
            ? 'you'
            : profiles.nameOf(item.deleted.by, item.deleted.name)
        }
        replies={item.replies}
        onOpenThread={actions?.openThread && (() => actions.openThread?.(item))}
      />
    );
  }
  const who = item.own ? (actions?.myName ?? item.name) : name;
  return (
    <article
      class={`message ${side} ${showAuthor ? 'first' : 'cont'}`}
      aria-label={
        action
          ? `${who} ${text}`
          : `${item.own ? 'You' : name}: ${mediaLabel(item, text)}${item.edited ? ' (edited)' : ''}`
      }
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
          class={`bubble ${item.own ? '' : authorHue(item.from)} ${colour ? 'coloured' : ''} ${item.unreadable ? 'unreadable' : ''} ${item.sticker ? 'sticker-bubble' : ''} ${props.highlighted ? 'highlighted' : ''}`}
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
          {item.sticker && props.renderImage(item.sticker)}
          {item.voice && props.renderImage(item.voice)}
          {action ? (
            <div class={`text action ${markdown ? 'md' : ''}`}>
              <span class="action-star" aria-hidden="true">
                *
              </span>
              <span class="action-name">{who}</span> {body}
              <span class="action-star" aria-hidden="true">
                *
              </span>
            </div>
          ) : (
            (!(item.image || item.sticker || item.voice) || item.text) && (
              <div class={markdown ? 'text md' : 'text'}>{body}</div>
            )
          )}
          {item.preview && showsPreview(item) && <LinkPreviewCard preview={item.preview} />}
          <div class="meta">
            {copied && <span role="status">Copied</span>}
            {item.edited && <span class="edited">edited</span>}
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
        {item.replies && actions?.openThread && (
          <ThreadLink count={item.replies} onOpen={() => actions.openThread?.(item)} />
        )}
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
        <MessageActionsMenu anchor={anchor} allowed={allowed} onPick={pick} onClose={close} />
      )}
      {open === 'delete' && actions?.remove && (
        <DeleteDialog
          own={item.own}
          authorName={name}
          onCancel={() => close(true)}
          onDelete={() => {
            setOpen(undefined);
            actions.remove?.(item);
          }}
        />
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

/** A media message's words for its label: "Image caption", "Sticker: cat", "Voice message". */
function mediaLabel(item: TimelineItem, text: string): string {
  if (item.image) return `Image ${text}`.trim();
  if (item.sticker) return `Sticker: ${item.sticker.label}`;
  if (item.voice) return 'Voice message';
  return text;
}
