import { useState } from 'preact/hooks';
import { ModalDialog } from '../../ui/modal-dialog.tsx';

/** "Block <name>?": what blocking does, then Block or Cancel. */
export function BlockDialog(props: { name: string; onBlock(): Promise<void>; onClose(): void }) {
  const { name } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const block = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onBlock();
      props.onClose();
    } catch {
      setError(`Could not block ${name}: this browser's storage did not save it. Try again.`);
      setBusy(false);
    }
  };
  return (
    <ModalDialog title={`Block ${name}?`} onClose={props.onClose}>
      <p>
        {name}'s messages will be hidden from you (you can still show each one), and {name} can no
        longer start a direct message with you or ask to join rooms you are in. {name} is not told.
      </p>
      <p class="hint">
        This applies on this device only. You can unblock them from the member list.
      </p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="row-end">
        <button type="button" class="button" disabled={busy} onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          class="button primary danger"
          disabled={busy}
          onClick={() => void block()}
        >
          {busy ? 'Blocking…' : 'Block'}
        </button>
      </div>
    </ModalDialog>
  );
}
