import type { RoomHistoryShare } from './room-history-share.ts';

/**
 * Top of the history: what "Request history from others" (in the notice of unreadable
 * messages) is doing and what it brought; nothing before it is used.
 */
export function HistoryRequestBar(props: { history: RoomHistoryShare }) {
  const ask = props.history.ask.value;
  if (ask.kind === 'idle') return null;
  return (
    <div class="history-request">
      <span role="status" class="hint">
        {ask.kind === 'asking' && 'Asking the members who are here…'}
        {ask.kind === 'done' &&
          `${ask.count} older message${ask.count === 1 ? '' : 's'} shared by others, signatures checked.`}
        {ask.kind === 'none' &&
          'No one online shared history. Try again when other members are online.'}
      </span>
    </div>
  );
}
