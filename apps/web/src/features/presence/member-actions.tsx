import { useState } from 'preact/hooks';
import type { MembersSource } from '../../session/room-ports.ts';
import { BlockDialog } from './block-dialog.tsx';

/** Words for a failed removal, chosen by error code: never an ID or an internal message. */
export function removeErrorText(name: string, error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'NOT_MEMBER') return `Could not remove ${name}: they are not a member any more.`;
  if (code === 'NOT_SUBSCRIBED' || code === 'REMOVED') {
    return `Could not remove ${name}: you are not a member of this room any more.`;
  }
  return `Could not remove ${name}. Check your connection and try again.`;
}

/**
 * On a member list entry: "Message <name>" (a direct message room), "Block" (asks first)
 * or "Unblock", and "Remove", which asks for confirmation first.
 */
export function MemberActions(props: { members: MembersSource; clientId: string; name: string }) {
  const { members, clientId, name } = props;
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [blocking, setBlocking] = useState(false);
  const blocked = members.isBlocked(clientId);
  const unblock = async () => {
    setError(undefined);
    try {
      await members.unblock(clientId);
    } catch {
      setError(`Could not unblock ${name}: this browser's storage did not save it. Try again.`);
    }
  };
  const message = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await members.openDm(clientId, name);
    } catch {
      setError(`Could not open a direct message with ${name}. Try again.`);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await members.removeMember(clientId);
      setConfirming(false);
    } catch (e) {
      setError(removeErrorText(name, e));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="member-actions">
      {!confirming && (
        <>
          <button type="button" class="link-button" disabled={busy} onClick={() => void message()}>
            Message {name}
          </button>
          {blocked ? (
            <button type="button" class="link-button" onClick={() => void unblock()}>
              Unblock
            </button>
          ) : (
            <button type="button" class="link-button" onClick={() => setBlocking(true)}>
              Block
            </button>
          )}
          <button
            type="button"
            class="link-button danger"
            disabled={busy}
            onClick={() => {
              setError(undefined);
              setConfirming(true);
            }}
          >
            Remove
          </button>
        </>
      )}
      {confirming && (
        <fieldset class="member-confirm">
          <legend class="member-confirm-text">Remove {name} from this room?</legend>
          <span class="member-confirm-buttons">
            <button
              type="button"
              class="button"
              disabled={busy}
              onClick={() => setConfirming(false)}
            >
              Cancel
            </button>
            <button
              type="button"
              class="button danger"
              disabled={busy}
              onClick={() => void remove()}
            >
              {busy ? 'Removing…' : 'Remove'}
            </button>
          </span>
        </fieldset>
      )}
      {blocking && (
        <BlockDialog
          name={name}
          onBlock={() => members.block(clientId)}
          onClose={() => setBlocking(false)}
        />
      )}
      {error && (
        <span class="member-action-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
