import type { PendingJoin } from '@yam/client';
import { useState } from 'preact/hooks';
import { defaultDisplayName } from '../../session/display-name.ts';
import type { MembersSource } from '../../session/room-ports.ts';
import './join-requests.css';

/** What members see when a joiner's password was wrong. [P-PAKE3] */
export function passwordFailureText(count: number): string {
  return count === 1
    ? 'Someone tried a wrong password to join this room.'
    : `Someone tried a wrong password to join this room (${count} times).`;
}

/**
 * "<name> wants to join" with Accept / Refuse, for the open room's pending requests, and
 * a line when someone tried a wrong password.
 */
export function JoinRequests(props: { members: MembersSource }) {
  const requests = props.members.requests();
  const failures = props.members.passwordFailures();
  if (requests.length === 0 && failures.length === 0) return null;
  return (
    <section class="join-requests" aria-label="Join requests">
      {failures.length > 0 && (
        <div class="join-request password-failure" role="status">
          <span>{passwordFailureText(failures.length)}</span>
          <button
            type="button"
            class="button"
            onClick={() => props.members.dismissPasswordFailures()}
          >
            Dismiss
          </button>
        </div>
      )}
      {requests.map((r) => (
        <JoinRequestRow key={r.id} members={props.members} request={r} />
      ))}
    </section>
  );
}

function JoinRequestRow(props: { members: MembersSource; request: PendingJoin }) {
  const { request, members } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const name = request.name ?? defaultDisplayName(request.from);
  const act = async (what: 'accept' | 'refuse') => {
    setBusy(true);
    setError(undefined);
    try {
      await (what === 'accept' ? members.accept(request) : members.refuse(request));
    } catch (e) {
      setError(`Could not ${what}: ${(e as Error).message}. Try again.`);
      setBusy(false);
    }
  };
  return (
    <div class="join-request" role="alert">
      <span>
        <strong>{name}</strong> wants to join
        {request.invite === 'invalid' ? ' (their invite link was not valid)' : ''}
      </span>
      <button
        type="button"
        class="button primary"
        disabled={busy}
        onClick={() => void act('accept')}
      >
        Accept
      </button>
      <button type="button" class="button" disabled={busy} onClick={() => void act('refuse')}>
        Refuse
      </button>
      {error && <span class="join-request-error">{error}</span>}
    </div>
  );
}
