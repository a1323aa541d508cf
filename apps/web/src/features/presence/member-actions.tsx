import type { ClientId, RoomId } from '@yam/protocol';
import { useState } from 'preact/hooks';
import type { ClientSession } from '../../app/client-session.ts';
import { roomListHooks } from './dm-rooms.ts';

/** On a member list entry: "Message <name>" (a direct message room) and "Remove". */
export function MemberActions(props: {
  session: ClientSession;
  room: RoomId;
  clientId: string;
  name: string;
}) {
  const { session, room, clientId, name } = props;
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
  const message = () =>
    run('open a direct message', async () => {
      const dm = await session.secure.rooms.openDm(clientId as ClientId);
      await roomListHooks()?.open(session.server, dm, name);
    });
  const remove = () =>
    run('remove', () => session.secure.rooms.removeMember(room, clientId as ClientId));
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
