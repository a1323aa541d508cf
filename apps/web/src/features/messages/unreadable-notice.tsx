import type { OpenProblem } from '@yam/client';
import type { RoomHistoryShare } from './room-history-share.ts';
import { unreadableText } from './timeline-rows.ts';

/**
 * One line in place of a run of messages this device cannot read: "N earlier messages
 * can't be read on this device", and for those sent before it joined, the way to get them:
 * "Request history from others" (members online forward them, signatures checked).
 */
export function UnreadableNotice(props: {
  count: number;
  problem: OpenProblem;
  history?: RoomHistoryShare | undefined;
}) {
  const { count, problem, history } = props;
  const asking = history?.ask.value.kind === 'asking';
  return (
    <div class="unreadable-notice">
      <p class="unreadable-title">
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path
            d="M7 11V8a5 5 0 0 1 10 0v3M6 11h12v9H6z"
            fill="none"
            stroke="currentColor"
            stroke-width="1.8"
            stroke-linejoin="round"
          />
        </svg>
        <span>{unreadableText(count, problem)}</span>
      </p>
      {problem === 'before-join' && (
        <p class="hint">
          Sent before you joined, so this device has no keys for {count === 1 ? 'it' : 'them'}.
          Members who are online can share what they have.
        </p>
      )}
      {problem === 'before-join' && history && (
        <button
          type="button"
          class="button small"
          disabled={asking}
          onClick={() => void history.request()}
        >
          {asking ? 'Asking…' : 'Request history from others'}
        </button>
      )}
    </div>
  );
}
