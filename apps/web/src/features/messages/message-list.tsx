import type { MediaContent, ReplyTo } from '@yam/client';
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useAppState } from '../../session/app-state-context.ts';
import { defaultDisplayName } from '../../session/display-name.ts';
import { DaySeparator } from './day-separator.tsx';
import { HistoryRequestBar } from './history-request-bar.tsx';
import type { MessageMarkdown } from './markdown/message-markdown.ts';
import { BlockedMessage, MembershipLineView } from './membership-line-view.tsx';
import { type BubbleActions, MessageBubble } from './message-bubble.tsx';
import { newestFromOthers, type RoomReadMarks, seenBy } from './read-marks.ts';
import type { RoomHistoryShare } from './room-history-share.ts';
import type { RoomTimeline } from './room-timeline.ts';
import { itemKey, type TimelineItem } from './timeline-item.ts';
import { type TimelineRow, timelineRows } from './timeline-rows.ts';
import { UnreadableNotice } from './unreadable-notice.tsx';
import { useNewMessages } from './use-new-messages.ts';
import { VirtualList } from './virtual-list.tsx';
import './message-list.css';

/** The room's messages, virtualised, with older pages loading at the top. */
export function MessageList(props: {
  timeline: RoomTimeline;
  scrollToEndToken: number;
  history?: RoomHistoryShare | undefined;
  /** An image message's picture (the images feature, composed by the room view). */
  renderImage(media: MediaContent): ComponentChildren;
  /** People this device blocked: their messages collapse to a line with "Show". */
  blocked?: ReadonlySet<string> | undefined;
  /** Reply and react (the room view composes them); without them bubbles have no menu. */
  onReply?(item: TimelineItem, plainText: string): void;
  onReact?(item: TimelineItem, emoji: string): void;
  /** A message to scroll to and highlight (a search result); `token` changes per request. */
  focus?: { key: string; seq: number; token: number } | undefined;
  /** The focused message is a thread reply: open its thread (root key) and show it there. */
  onFocusThread?(rootKey: string, replyKey: string): void;
  /** Edit, delete and threads (see BubbleActions). */
  more?: Omit<BubbleActions, 'me' | 'reply' | 'react' | 'jump'> | undefined;
  /** The room's read mark when it was opened: the "New messages" divider goes after it. */
  readUpTo?: number | undefined;
  /** Read receipts, when this person sends them (else none are sent or shown). */
  readMarks?: RoomReadMarks | undefined;
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
    void timeline.loadUntil(focus.seq).then(async () => {
      if (!live) return;
      if (!timeline.items.value.some((i) => i.key === focus.key)) {
        // Thread replies are not in the main list: their thread shows them.
        const root = await timeline.threadRootOf(focus.key);
        if (live && root) props.onFocusThread?.(root.key, focus.key);
        return;
      }
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
  // The divider stays where it was when the room opened, however much arrives since.
  const [readUpTo] = useState(props.readUpTo);
  // What the room held once caught up: later arrivals are read live, never "new" here.
  const settled = timeline.settled.value;
  const [unreadUntil, setUnreadUntil] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (settled && unreadUntil === undefined) setUnreadUntil(lastSeq(items));
  }, [settled]);
  const rows = useMemo(
    () => timelineRows(items, { blocked: props.blocked, readUpTo, unreadUntil }),
    [items, props.blocked, readUpTo, unreadUntil],
  );
  const fresh = useNewMessages(rows, setJumpTo);
  const { profiles } = useAppState();
  const { readMarks } = props;
  const seen =
    readMarks &&
    seenBy(items, readMarks.marks.value, (id) => profiles.nameOf(id, defaultDisplayName(id)));
  // Looking at the newest messages (at the bottom, page visible) reads them.
  const newest = newestFromOthers(items)?.cmid;
  useEffect(() => {
    if (!readMarks || !newest || !fresh.bottom) return;
    const mark = () => document.visibilityState === 'visible' && readMarks.seen(newest);
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [readMarks, newest, fresh.bottom]);
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
      <VirtualList<TimelineRow>
        items={rows}
        itemKey={(row) => row.key}
        estimateHeight={64}
        label="Messages"
        scrollToEndToken={props.scrollToEndToken + fresh.endToken}
        scrollToKey={jumpTo}
        onNearTop={() => void timeline.loadOlder()}
        onBottomChange={fresh.onBottomChange}
        renderItem={(row) => (
          <>
            {row.day && <DaySeparator ts={row.kind === 'item' ? row.item.ts : row.ts} />}
            {row.unread && (
              <h2 class="unread-divider">
                <span>New messages</span>
              </h2>
            )}
            {row.kind === 'unreadable' ? (
              <UnreadableNotice count={row.count} problem={row.problem} history={props.history} />
            ) : row.item.membership ? (
              <MembershipLineView line={row.item.membership} me={timeline.me} />
            ) : !row.item.own && props.blocked?.has(row.item.from) && !shown.has(row.key) ? (
              <BlockedMessage onShow={() => setShown((s) => new Set([...s, row.key]))} />
            ) : (
              <MessageBubble
                item={row.item}
                showAuthor={row.showAuthor}
                markdown={markdown}
                renderImage={props.renderImage}
                actions={actions}
                highlighted={highlight === row.key}
                quoted={
                  row.item.replyTo &&
                  byKey.get(itemKey(row.item.replyTo.author, row.item.replyTo.cmid))
                }
              />
            )}
            {seen && seen.key === row.key && row.kind === 'item' && (
              <p class={`seen-by ${row.item.own ? 'own' : ''}`}>Seen by {seen.names.join(', ')}</p>
            )}
          </>
        )}
      />
      {fresh.pill && (
        <button type="button" class="new-messages-pill" onClick={fresh.scrollDown}>
          New messages ↓
        </button>
      )}
    </div>
  );
}

function lastSeq(items: readonly TimelineItem[]): number {
  for (let i = items.length - 1; i >= 0; i--) {
    const seq = items[i]!.seq;
    if (seq !== undefined) return seq;
  }
  return 0;
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
