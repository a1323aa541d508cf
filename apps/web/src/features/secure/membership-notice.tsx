import { useState } from 'preact/hooks';
import { type Membership, REMOVED_TEXT, WAITING_TEXT } from './room-membership.ts';
import './join-requests.css';

type Props = {
  state: Membership;
  /** Join (again) with the room's password. */
  onPassword?(password: string): void;
};

/** What the room shows instead of (or under) its messages while it is not a member. */
export function MembershipNotice(props: Props) {
  const { state } = props;
  switch (state.kind) {
    case 'checking':
      return <p class="membership-notice">Opening the encrypted room…</p>;
    case 'waiting':
      return (
        <div class="membership-notice">
          <p role="status">{WAITING_TEXT}</p>
          {props.onPassword && <PasswordForm onPassword={props.onPassword} open={false} />}
        </div>
      );
    case 'removed':
      return (
        <p class="membership-notice error" role="alert">
          {REMOVED_TEXT}
        </p>
      );
    case 'failed':
      return (
        <div class="membership-notice">
          <p class="error" role="alert">
            {state.message}
          </p>
          {props.onPassword && (
            <PasswordForm onPassword={props.onPassword} open={state.passwordWrong === true} />
          )}
        </div>
      );
    case 'member':
      return null;
    default:
      return state satisfies never;
  }
}

/**
 * For password rooms: a member's client lets us in when the password is right. Neither the
 * Room URL nor the server can tell whether a room has a password, so the field is offered
 * (not shown) until a password was refused: then the room has one, and it is shown.
 */
function PasswordForm(props: { onPassword(password: string): void; open: boolean }) {
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState(false);
  if (!props.open && !shown) {
    return (
      <p class="password-offer">
        <button type="button" class="link-button" onClick={() => setShown(true)}>
          I have the room’s password
        </button>
      </p>
    );
  }
  return (
    <form
      class="password-join"
      onSubmit={(e) => {
        e.preventDefault();
        if (password) props.onPassword(password);
      }}
    >
      <label class="field">
        <span>Room password</span>
        <input
          // biome-ignore lint/a11y/noAutofocus: shown on request, the user types next.
          autoFocus={shown}
          type="password"
          autoComplete="current-password"
          value={password}
          onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
        />
      </label>
      <button type="submit" class="button primary" disabled={!password}>
        Join with password
      </button>
    </form>
  );
}
