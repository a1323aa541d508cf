import { saveShareHistory, shareHistory } from './share-history.ts';

/** The Profile dialog's checkbox for answering other members' history requests. */
export function ShareHistoryToggle() {
  return (
    <label class="field share-history">
      <input
        type="checkbox"
        checked={shareHistory.value}
        onChange={(e) => saveShareHistory(e.currentTarget.checked)}
      />
      <span>Share my history with members who ask</span>
    </label>
  );
}
