import type { RoomHistoryShare } from './room-history-share.ts';

/** Top of the history: the "Request history from others" button and what it brought. */
export function HistoryRequestBar(props: { history: RoomHistoryShare }) {
  const ask = props.history.ask.value;
  return (
    <div class="history-request">
      <button
        type="button"
        class="button small"
        disabled={ask.kind === 'asking'}
        onClick={() => void props.history.request()}
      >
        Request history from others
      </button>
      <span role="status" class="hint">
        {ask.kind === 'asking' && 'Asking the members who are here…'}
        {ask.kind === 'done' &&
          `${ask.count} older message${ask.count === 1 ? '' : 's'} shared by others, signatures checked.`}
        {ask.kind === 'none' && 'No one online shared history.'}
      </span>
    </div>
  );
}
