import { useState } from 'preact/hooks';
import type { MembersSource } from '../../session/room-ports.ts';

/** On a member list entry: "Message <name>" (a direct message room) and "Remove". */
export function MemberActions(props: { members: MembersSource; clientId: string; name: string }) {
  const { members, clientId, name } = props;
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const run = async (what: string, action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(`Could not ${what}: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const message = () => run('open a direct message', () => members.openDm(clientId, name));
  const remove = () => run('remove', () => members.removeMember(clientId));
  return (
    <span class="member-actions">
      <button type="button" class="link-button" disabled={busy} onClick={() => void message()}>
        Message {name}
      </button>
      <button
        type="button"
        class="link-button danger"
        disabled={busy}
        onClick={() => void remove()}
      >
        Remove
      </button>
      {error && (
        <span class="member-action-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
