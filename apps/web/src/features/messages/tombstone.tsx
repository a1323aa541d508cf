import { fullTime, shortTime } from './format-time.ts';
import { ThreadLink } from './threads/thread-link.tsx';
import type { TimelineItem } from './timeline-item.ts';

/**
 * What is left of a deleted message: "Message deleted" in its place (the author took it
 * back), or "Message removed by <name>" (a moderator did). No text, no menu.
 */
export function Tombstone(props: {
  item: TimelineItem;
  showAuthor: boolean;
  /** The author's name as the member list shows it. */
  name: string;
  /** Who deleted it ("you" for this device). */
  byName: string;
  replies?: number | undefined;
  onOpenThread?: (() => void) | undefined;
}) {
  const { item } = props;
  const moderated = item.deleted && item.deleted.by !== item.from;
  const notice = moderated ? `Message removed by ${props.byName}` : 'Message deleted';
  return (
    <article
      class={`message ${item.own ? 'own' : 'other'} ${props.showAuthor ? 'first' : 'cont'} deleted`}
      aria-label={`${item.own ? 'You' : props.name}: ${notice}`}
      data-cmid={item.cmid}
    >
      {!item.own && <div class="avatar-slot" />}
      <div class="bubble-column">
        <div class="bubble tombstone">
          {props.showAuthor && !item.own && <div class="author">{props.name}</div>}
          <div class="text">
            <svg viewBox="0 0 24 24" aria-hidden="true" class="tombstone-icon">
              <path
                d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM4 12a8 8 0 0 1 12.9-6.3L5.7 16.9A8 8 0 0 1 4 12zm8 8a8 8 0 0 1-4.9-1.7L18.3 7.1A8 8 0 0 1 12 20z"
                fill="currentColor"
              />
            </svg>
            {notice}
          </div>
          <div class="meta">
            <time dateTime={new Date(item.ts).toISOString()} title={fullTime(item.ts)}>
              {shortTime(item.ts)}
            </time>
          </div>
        </div>
        {props.replies && props.onOpenThread && (
          <ThreadLink count={props.replies} onOpen={props.onOpenThread} />
        )}
      </div>
    </article>
  );
}
