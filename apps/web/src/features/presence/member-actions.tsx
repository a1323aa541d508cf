import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { MembersSource } from '../../session/room-ports.ts';
import { BlockDialog } from './block-dialog.tsx';
import { RemoveConfirm } from './remove-confirm.tsx';

/** Words for a failed role change, chosen by error code: never an ID or an internal message. */
function roleErrorText(name: string, role: 'admin' | 'member', error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const what = role === 'admin' ? `make ${name} an admin` : `remove ${name} as admin`;
  if (code === 'NOT_MEMBER') return `Could not ${what}: they are not a member any more.`;
  if (code === 'NOT_ALLOWED')
    return `Could not ${what}: only the owner and admins can change roles.`;
  if (code === 'NOT_SUBSCRIBED' || code === 'REMOVED') {
    return `Could not ${what}: you are not a member of this room any more.`;
  }
  return `Could not ${what}. Check your connection and try again.`;
}

/** A link-styled button that runs an action; disabled while one runs. */
function ActionLink(props: {
  busy: boolean;
  onClick: () => Promise<void>;
  children: ComponentChildren;
}) {
  return (
    <button
      type="button"
      class="link-button"
      disabled={props.busy}
      onClick={() => void props.onClick()}
    >
      {props.children}
    </button>
  );
}

/**
 * On a member list entry: "Message <name>" (a direct message room), "Block" (asks first)
 * or "Unblock", "Make admin" or "Remove admin" (owner and admins), and "Remove" (for
 * who may remove), which asks for confirmation first.
 */
export function MemberActions(props: {
  members: MembersSource;
  clientId: string;
  name: string;
  /** This user may remove this member (the room's roles, or everyone without roles). */
  mayRemove: boolean;
  /** The role this user may give this member, if any. */
  roleAction?: 'admin' | 'member' | undefined;
  /** The room has roles, so a removal can also ban. */
  canBan: boolean;
}) {
  const { members, clientId, name } = props;
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [blocking, setBlocking] = useState(false);
  const blocked = members.isBlocked(clientId);
  const run = async (action: () => Promise<void>, failure: (e: unknown) => string) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(failure(e));
    } finally {
      setBusy(false);
    }
  };
  const role = props.roleAction;
  return (
    <span class="member-actions">
      {!confirming && (
        <>
          <ActionLink
            busy={busy}
            onClick={() =>
              run(
                () => members.openDm(clientId, name),
                () => `Could not open a direct message with ${name}. Try again.`,
              )
            }
          >
            Message {name}
          </ActionLink>
          {blocked ? (
            <ActionLink
              busy={busy}
              onClick={() =>
                run(
                  () => members.unblock(clientId),
                  () => `Could not unblock ${name}: this browser's storage did not save it.`,
                )
              }
            >
              Unblock
            </ActionLink>
          ) : (
            <button type="button" class="link-button" onClick={() => setBlocking(true)}>
              Block
            </button>
          )}
          {role && (
            <ActionLink
              busy={busy}
              onClick={() =>
                run(
                  () => members.setRole(clientId, role),
                  (e) => roleErrorText(name, role, e),
                )
              }
            >
              {role === 'admin' ? 'Make admin' : 'Remove admin'}
            </ActionLink>
          )}
          {props.mayRemove && (
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
          )}
        </>
      )}
      {confirming && (
        <RemoveConfirm
          members={members}
          clientId={clientId}
          name={name}
          canBan={props.canBan}
          onDone={(failure) => {
            setConfirming(false);
            setError(failure);
          }}
        />
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
