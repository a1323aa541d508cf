import type { ImageContent, ReplyTo } from '@yam/client';
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { DaySeparator } from './day-separator.tsx';
import { sameDay } from './format-time.ts';
import { HistoryRequestBar } from './history-request-bar.tsx';
import type { MessageMarkdown } from './markdown/message-markdown.ts';
import { BlockedMessage, MembershipLineView } from './membership-line-view.tsx';
import { type BubbleActions, MessageBubble } from './message-bubble.tsx';
import type { RoomHistoryShare } from './room-history-share.ts';
import type { RoomTimeline } from './room-timeline.ts';
import { itemKey, type TimelineItem } from './timeline-item.ts';
import { VirtualList } from './virtual-list.tsx';
import './message-list.css';

/** Bubbles from one author within this window share one name label. */
const GROUP_MS = 5 * 60_000;

/** The room's messages, virtualised, with older pages loading at the top. */
export function MessageList(props: {
  timeline: RoomTimeline;
  scrollToEndToken: number;
  history?: RoomHistoryShare | undefined;
  /** An image message's picture (the images feature, composed by the room view). */
  renderImage(image: ImageContent): ComponentChildren;
  /** People this device blocked: their messages collapse to a line with "Show". */
  blocked?: ReadonlySet<string> | undefined;
  /** Reply and react (the room view composes them); without them bubbles have no menu. */
  onReply?(item: TimelineItem, plainText: string): void;
  onReact?(item: TimelineItem, emoji: string): void;
  /** A message to scroll to and highlight (a search result); `token` changes per request. */
  focus?: { key: string; seq: number; token: number } | undefined;
  /** Edit, delete and threads (see BubbleActions). */
  more?: Omit<BubbleActions, 'me' | 'reply' | 'react' | 'jump'> | undefined;
}) {
  const { timeline } = props;
  const [jumpTo, setJumpTo] = useState<{ key: string; token: number } | undefined>(undefined);
  const [highlight, setHighlight] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!highlight) return;
    const timer = setTimeout(() => setHighlight(undefined), 1600);
    return () => clearTimeout(timer);
  }, [highlight, jumpTo]);
  const focus = props.focus;
  useEffect(() => {
    if (!focus) return;
    let live = true;
    void timeline.loadUntil(focus.seq).then(() => {
      if (!live || !timeline.items.value.some((i) => i.key === focus.key)) return;
      setJumpTo((j) => ({ key: focus.key, token: (j?.token ?? 0) + 1 }));
      setHighlight(focus.key);
    });
    return () => {
      live = false;
    };
  }, [focus?.token, timeline]);
  const actions: BubbleActions | undefined =
    props.onReply && props.onReact
      ? {
          ...props.more,
          me: timeline.me,
          reply: props.onReply,
          react: props.onReact,
          jump(replyTo: ReplyTo) {
            const key = itemKey(replyTo.author, replyTo.cmid);
            if (!timeline.items.value.some((i) => i.key === key)) return;
            setJumpTo((j) => ({ key, token: (j?.token ?? 0) + 1 }));
            setHighlight(key);
          },
        }
      : undefined;
  const markdown = useMarkdown();
  // Blocked people's messages the user chose to read anyway (this view only).
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  const items = timeline.items.value;
  // Replies' quotes show the loaded original's own text (see quoteText).
  const byKey = useMemo(() => new Map(items.map((i) => [i.key, i])), [items]);
  const loading = timeline.loadingOlder.value;
  const error = timeline.olderError.value;
  return (
    <div class="message-list">
      {props.history && <HistoryRequestBar history={props.history} />}
      {loading && (
        <div class="list-notice" role="status">
          Loading older messages…
        </div>
      )}
      {!loading && error && (
        <div class="list-notice warn" role="status">
          {error}
        </div>
      )}
      {items.length === 0 && timeline.settled.value && (
        <div class="empty-room">
          <p>No messages yet.</p>
          <p class="hint">Say hello, or share the Room URL from the cog menu to invite someone.</p>
        </div>
      )}
      <VirtualList<TimelineItem>
        items={items}
        itemKey={(item) => item.key}
        estimateHeight={64}
        label="Messages"
        scrollToEndToken={props.scrollToEndToken}
        scrollToKey={jumpTo}
        onNearTop={() => void timeline.loadOlder()}
        renderItem={(item, index) => (
          <>
            {startsDay(items, index) && <DaySeparator ts={item.ts} />}
            {item.membership ? (
              <MembershipLineView line={item.membership} me={timeline.me} />
            ) : !item.own && props.blocked?.has(item.from) && !shown.has(item.key) ? (
              <BlockedMessage onShow={() => setShown((s) => new Set([...s, item.key]))} />
            ) : (
              <MessageBubble
                item={item}
                showAuthor={startsGroup(items, index, props.blocked)}
                markdown={markdown}
                renderImage={props.renderImage}
                actions={actions}
                highlighted={highlight === item.key}
                quoted={item.replyTo && byKey.get(itemKey(item.replyTo.author, item.replyTo.cmid))}
              />
            )}
          </>
        )}
      />
    </div>
  );
}

function startsGroup(
  items: readonly TimelineItem[],
  index: number,
  blocked: ReadonlySet<string> | undefined,
): boolean {
  const prev = items[index - 1];
  const item = items[index]!;
  return (
    !prev ||
    prev.from !== item.from ||
    !!prev.membership ||
    !!blocked?.has(item.from) ||
    item.ts - prev.ts > GROUP_MS ||
    startsDay(items, index)
  );
}

/** The first message of a calendar day gets a date separator above it. */
function startsDay(items: readonly TimelineItem[], index: number): boolean {
  const prev = items[index - 1];
  return !prev || !sameDay(prev.ts, items[index]!.ts);
}

/**
 * One Markdown parser and its cache per list, so each message is parsed once however it
 * scrolls. The parser is a chunk of its own (about 45 kB gzipped, most of the app's
 * growth for Markdown): the app starts without it, and bubbles show their plain text for
 * the moment it takes to load.
 */
export function useMarkdown(): MessageMarkdown | undefined {
  const [markdown, setMarkdown] = useState<MessageMarkdown | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void import('./markdown/message-markdown.ts').then((module) => {
      if (live) setMarkdown(new module.MessageMarkdown());
    });
    return () => {
      live = false;
    };
  }, []);
  return markdown;
}
