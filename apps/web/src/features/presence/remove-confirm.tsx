import { useState } from 'preact/hooks';
import type { MembersSource } from '../../session/room-ports.ts';

/** Words for a failed removal, chosen by error code: never an ID or an internal message. */
export function removeErrorText(name: string, error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'NOT_MEMBER') return `Could not remove ${name}: they are not a member any more.`;
  if (code === 'NOT_ALLOWED') {
    return `Could not remove ${name}: only the owner and admins can remove people from this room.`;
  }
  if (code === 'NOT_SUBSCRIBED' || code === 'REMOVED') {
    return `Could not remove ${name}: you are not a member of this room any more.`;
  }
  return `Could not remove ${name}. Check your connection and try again.`;
}

/** "Remove <name> from this room?" in place of the member's actions, with "Also ban". */
export function RemoveConfirm(props: {
  members: MembersSource;
  clientId: string;
  name: string;
  canBan: boolean;
  /** Closed: `failure` says what went wrong, undefined when removed or cancelled. */
  onDone(failure?: string): void;
}) {
  const { name } = props;
  const [busy, setBusy] = useState(false);
  const [ban, setBan] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await props.members.removeMember(props.clientId, props.canBan && ban ? { ban: true } : {});
      props.onDone();
    } catch (e) {
      props.onDone(removeErrorText(name, e));
    }
  };
  return (
    <fieldset class="member-confirm">
      <legend class="member-confirm-text">Remove {name} from this room?</legend>
      {props.canBan && (
        <label class="member-confirm-ban">
          <input
            type="checkbox"
            checked={ban}
            disabled={busy}
            onChange={(e) => setBan(e.currentTarget.checked)}
          />
          Also ban from this room (they cannot ask to join again)
        </label>
      )}
      <span class="member-confirm-buttons">
        <button type="button" class="button" disabled={busy} onClick={() => props.onDone()}>
          Cancel
        </button>
        <button type="button" class="button danger" disabled={busy} onClick={() => void remove()}>
          {busy ? 'Removing…' : 'Remove'}
        </button>
      </span>
    </fieldset>
  );
}
