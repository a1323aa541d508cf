import type { LinkPreview, MediaContent } from '@yam/client';
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { InSideSlot } from '../../ui/side-slot.tsx';
import { Composer } from './composer.tsx';
import type { Mentionable } from './mentions/mention-text.ts';
import type { BubbleActions } from './message-bubble.tsx';
import { MessageBubble } from './message-bubble.tsx';
import { useMarkdown } from './message-list.tsx';
import type { PreviewSource } from './previews/use-link-preview.ts';
import type { RoomTimeline } from './room-timeline.ts';
import { threadReplies } from './threads/thread-split.ts';
import type { TimelineItem } from './timeline-item.ts';
import './thread-panel.css';

/**
 * One thread: its root message, the replies, and a composer of its own that sends into
 * the thread. A side panel right of the chat on a desktop (≥1024 px), a full view with a
 * back button on a phone.
 */
export function ThreadPanel(props: {
  timeline: RoomTimeline;
  /** The root message's key (`<author>:<cmid>`). */
  rootKey: string;
  /** A reply to scroll to and highlight briefly (a search result); `token` changes per request. */
  focus?: { key: string; token: number } | undefined;
  actions: BubbleActions;
  online: boolean;
  disabled: boolean;
  members: readonly Mentionable[];
  mentionable(ids: readonly string[]): Mentionable[];
  renderImage(media: MediaContent): ComponentChildren;
  onSend(text: string, mentions: string[], thread: string, preview?: LinkPreview): Promise<void>;
  /** Link previews for the thread's composer, as for the room's. */
  previews?: PreviewSource | undefined;
  onEdit(item: TimelineItem, text: string, mentions: string[]): Promise<void>;
  onClose(): void;
}) {
  const { timeline } = props;
  const markdown = useMarkdown();
  const [editing, setEditing] = useState<TimelineItem | undefined>(undefined);
  const all = timeline.all.value;
  const root = all.find((i) => i.key === props.rootKey);
  const replies = root ? threadReplies(all, root.cmid) : [];
  const list = useRef<HTMLDivElement>(null);
  const back = useRef<HTMLButtonElement>(null);
  // New replies scroll into view (the thread is short: no virtual list needed).
  useLayoutEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [replies.length]);
  useEffect(() => {
    document.getElementById('thread-composer-text')?.focus();
  }, [props.rootKey]);
  const [highlight, setHighlight] = useState<string | undefined>(undefined);
  const focusKey = props.focus?.key;
  const shown = replies.some((r) => r.key === focusKey);
  useLayoutEffect(() => {
    if (!focusKey || !shown) return;
    setHighlight(focusKey);
    const cmid = focusKey.slice(focusKey.indexOf(':') + 1);
    list.current
      ?.querySelector(`article[data-cmid="${CSS.escape(cmid)}"]`)
      ?.scrollIntoView({ block: 'center' });
    const timer = setTimeout(() => setHighlight(undefined), 3000);
    return () => clearTimeout(timer);
  }, [props.focus?.token, shown]);
  const actions: BubbleActions = {
    ...props.actions,
    edit: (item) => setEditing(item),
    openThread: undefined,
  };
  return (
    <InSideSlot>
      {/* Escape closes the thread, unless something inside took it (an edit, a dialog). */}
      <aside
        class="thread-panel"
        aria-label="Thread"
        onKeyDown={(e) => {
          if (e.key !== 'Escape' || e.defaultPrevented) return;
          if ((e.target as Element).closest('dialog')) return;
          e.preventDefault();
          props.onClose();
        }}
      >
        <header class="thread-header">
          <button
            ref={back}
            type="button"
            class="icon-button thread-back"
            aria-label="Back to the room"
            onClick={props.onClose}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M15 5l-7 7 7 7" stroke="currentColor" stroke-width="2.2" fill="none" />
            </svg>
          </button>
          <h2>Thread</h2>
          <span class="thread-count">
            {replies.length === 1 ? '1 reply' : `${replies.length} replies`}
          </span>
          <button
            type="button"
            class="icon-button thread-close"
            aria-label="Close thread"
            onClick={props.onClose}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2" fill="none" />
            </svg>
          </button>
        </header>
        <div class="thread-messages" ref={list} role="log" aria-label="Thread messages">
          {root ? (
            <>
              <MessageBubble
                item={{ ...root, replies: undefined } as TimelineItem}
                showAuthor
                markdown={markdown}
                renderImage={props.renderImage}
                actions={actions}
              />
              <p class="thread-divider">{replies.length === 0 ? 'No replies yet' : 'Replies'}</p>
              {replies.map((item, i) => (
                <MessageBubble
                  key={item.key}
                  item={item}
                  showAuthor={i === 0 || replies[i - 1]!.from !== item.from}
                  markdown={markdown}
                  renderImage={props.renderImage}
                  actions={actions}
                  highlighted={highlight === item.key}
                />
              ))}
            </>
          ) : (
            <p class="thread-missing">This message is no longer in the loaded history.</p>
          )}
        </div>
        {root && !root.deleted && (
          <Composer
            id="thread-composer-text"
            label="Reply in thread"
            placeholder="Reply in thread"
            online={props.online}
            disabled={props.disabled}
            members={props.members}
            editing={
              editing && {
                key: editing.key,
                text: editing.text,
                mentions: props.mentionable(editing.mentions ?? []),
              }
            }
            onCancelEdit={() => setEditing(undefined)}
            previews={props.previews}
            onSend={async (text, mentions, preview) => {
              if (editing) {
                await props.onEdit(editing, text, mentions);
                setEditing(undefined);
              } else {
                await props.onSend(text, mentions, root.cmid, preview);
              }
            }}
          />
        )}
      </aside>
    </InSideSlot>
  );
}
