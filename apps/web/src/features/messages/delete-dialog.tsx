import { ModalDialog } from '../../ui/modal-dialog.tsx';

/** "Delete message?": the confirmation before a message is taken back for everyone. */
export function DeleteDialog(props: {
  own: boolean;
  authorName: string;
  onCancel(): void;
  onDelete(): void;
}) {
  return (
    <ModalDialog title="Delete message?" onClose={props.onCancel}>
      <p>
        {props.own
          ? 'It will be removed for everyone in the room, on every device. This cannot be undone.'
          : `${props.authorName}'s message will be removed for everyone, with a note that you removed it. This cannot be undone.`}
      </p>
      <div class="row-end">
        <button type="button" class="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" class="button primary danger" onClick={props.onDelete}>
          Delete
        </button>
      </div>
    </ModalDialog>
  );
}
