import { authorHue } from './author-hue.ts';
import { fullTime, shortTime } from './format-time.ts';
import { StatusMark } from './status-mark.tsx';
import type { TimelineItem } from './timeline-item.ts';
import './message-bubble.css';

/** One speech bubble: own on the right, others on the left in their author's colour. */
export function MessageBubble(props: { item: TimelineItem; showAuthor: boolean }) {
  const { item, showAuthor } = props;
  const side = item.own ? 'own' : 'other';
  return (
    <article
      class={`message ${side} ${showAuthor ? 'first' : 'cont'}`}
      aria-label={`${item.own ? 'You' : item.name}: ${item.text}`}
    >
      <div
        class={`bubble ${item.own ? '' : authorHue(item.from)} ${item.unreadable ? 'unreadable' : ''}`}
      >
        {showAuthor && !item.own && <div class="author">{item.name}</div>}
        <div class="text">{item.text}</div>
        <div class="meta">
          <time dateTime={new Date(item.ts).toISOString()} title={fullTime(item.ts)}>
            {shortTime(item.ts)}
          </time>
          {item.status !== 'received' && <StatusMark status={item.status} />}
        </div>
      </div>
    </article>
  );
}
