import { useState } from 'preact/hooks';
import { useLongPress } from '../message-actions.tsx';
import type { ReactionTally } from '../timeline-item.ts';
import './reaction-chips.css';

/**
 * "👍 2" chips under a bubble. Clicking one adds or takes back your own; hovering, focusing
 * or long-pressing it shows who reacted, named as the member list names them.
 */
export function ReactionChips(props: {
  reactions: readonly ReactionTally[];
  me: string;
  nameOf(from: string, sentName: string): string;
  onToggle(emoji: string): void;
}) {
  return (
    <div class="reaction-chips">
      {props.reactions.map((r) => (
        <Chip key={r.emoji} tally={r} {...props} />
      ))}
    </div>
  );
}

function Chip(props: {
  tally: ReactionTally;
  me: string;
  nameOf(from: string, sentName: string): string;
  onToggle(emoji: string): void;
}) {
  const { tally } = props;
  const [pinned, setPinned] = useState(false);
  const press = useLongPress(() => setPinned(true));
  const mine = tally.by.some((p) => p.from === props.me);
  const names = tally.by.map((p) => (p.from === props.me ? 'You' : props.nameOf(p.from, p.name)));
  const who = names.join(', ');
  return (
    <span class={`reaction-chip-wrap ${pinned ? 'pinned' : ''}`}>
      <button
        type="button"
        class={`reaction-chip ${mine ? 'mine' : ''}`}
        aria-pressed={mine}
        aria-label={`${tally.emoji} ${tally.by.length}: ${who}`}
        onClick={() => (pinned ? setPinned(false) : props.onToggle(tally.emoji))}
        onBlur={() => setPinned(false)}
        {...press}
      >
        <span aria-hidden="true">{tally.emoji}</span>
        <span class="reaction-count" aria-hidden="true">
          {tally.by.length}
        </span>
      </button>
      <span class="reaction-who" role="tooltip">
        {tally.emoji} {who}
      </span>
    </span>
  );
}
