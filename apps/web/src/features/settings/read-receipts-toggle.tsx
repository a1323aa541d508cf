import { useAppState } from '../../session/app-state-context.ts';

/**
 * The Profile dialog's "Send read receipts": off, this device tells nobody what it read
 * and shows nobody's "Seen by" either (as in Signal).
 */
export function ReadReceiptsToggle() {
  const { own } = useAppState();
  return (
    <label class="field share-history">
      <input
        type="checkbox"
        checked={own.readReceipts.value}
        onChange={(e) => own.saveReadReceipts(e.currentTarget.checked)}
      />
      <span>Send read receipts</span>
    </label>
  );
}
