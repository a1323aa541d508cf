import { useAppState } from '../../session/app-state-context.ts';

/** The Profile dialog's checkbox for answering other members' history requests. */
export function ShareHistoryToggle() {
  const { own } = useAppState();
  return (
    <label class="field checkbox-field share-history">
      <input
        type="checkbox"
        checked={own.shareHistory.value}
        onChange={(e) => own.saveShareHistory(e.currentTarget.checked)}
      />
      <span>Share my history with members who ask</span>
    </label>
  );
}
