import { useEffect, useMemo, useState } from 'preact/hooks';
import { useAppState } from '../../session/app-state-context.ts';
import { defaultDisplayName } from '../../session/display-name.ts';
import type { MembersSource, PresenceSource } from '../../session/room-ports.ts';
import { Avatar } from '../../ui/avatar.tsx';
import { announceAway } from './announce-away.ts';
import { MemberActions } from './member-actions.tsx';
import { type PresenceState, RoomPresence } from './room-presence.ts';
import { mayRemove, type Role, RoomRolesView, roleAction, roleOf } from './room-roles.ts';
import { SafetyNumberDialog } from './safety-number-dialog.tsx';
import { TypingSender } from './typing-sender.ts';
import { typingText } from './typing-text.ts';
import './presence-strip.css';

const ORDER: Readonly<Record<PresenceState, number>> = { online: 0, away: 1, offline: 2 };

/** Above the open room: who is here (a member list with presence) and who is typing. */
export function PresenceStrip(props: { room: PresenceSource & MembersSource }) {
  const { room } = props;
  const { own, profiles, activity } = useAppState();
  const presence = useMemo(() => new RoomPresence(room), [room]);
  const rolesView = useMemo(() => new RoomRolesView(room), [room]);
  useEffect(() => () => rolesView.dispose(), [rolesView]);
  const sender = useMemo(() => new TypingSender(room), [room]);
  const [open, setOpen] = useState(false);
  const [verify, setVerify] = useState<string | undefined>(undefined);

  useEffect(() => profiles.setCurrentRoom(room), [room]);
  useEffect(() => announceAway(room, activity.state), [room]);
  useEffect(() => () => presence.dispose(), [presence]);
  useEffect(() => {
    // The composer belongs to the messages feature: listen to it rather than change it.
    const isComposer = (t: EventTarget | null) => (t as HTMLElement | null)?.id === 'composer-text';
    const onInput = (e: Event) => {
      if (isComposer(e.target)) sender.keystroke((e.target as HTMLTextAreaElement).value === '');
    };
    const onKey = (e: KeyboardEvent) => {
      if (isComposer(e.target) && e.key === 'Enter' && !e.shiftKey) sender.stop();
    };
    document.addEventListener('input', onInput);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('input', onInput);
      document.removeEventListener('keydown', onKey);
      sender.stop();
    };
  }, [sender]);

  const known = profiles.profiles.value;
  const name = (id: string) => profiles.nameOf(id, defaultDisplayName(id));
  const avatar = (id: string) => profiles.avatarUrl(known.get(id)?.avatar);
  const displayName = own.displayName;
  const others = [...presence.members.value.entries()].sort(
    ([a, sa], [b, sb]) => ORDER[sa] - ORDER[sb] || name(a).localeCompare(name(b)),
  );
  const here = others.filter(([, s]) => s !== 'offline');
  const typists = presence.typing.value.map(name);
  const me = activity.state.value;
  const roles = rolesView.roles.value;

  return (
    <div class="presence-strip">
      <button
        type="button"
        class="members-toggle"
        aria-expanded={open}
        aria-controls="member-list"
        onClick={() => setOpen((o) => !o)}
      >
        <span class="avatar-stack" aria-hidden="true">
          {here.slice(0, 4).map(([id]) => (
            <Avatar key={id} name={name(id)} colour={known.get(id)?.colour} src={avatar(id)} />
          ))}
        </span>
        Members · {here.length + 1} here
      </button>
      <p class="typing-indicator" aria-live="polite">
        {typingText(typists)}
      </p>
      {open && (
        <ul class="member-list" id="member-list" aria-label="Members">
          <li class={`member ${me}`} aria-label={`${displayName.value} (you), ${me}`}>
            <Avatar
              name={displayName.value}
              colour={own.colour.value}
              src={own.avatar.value?.dataUrl}
            />
            <span class="member-name">{displayName.value} (you)</span>
            <RoleBadge role={roleOf(roles, room.me)} />
            <span class="member-state">{me}</span>
          </li>
          {others.map(([id, state]) => (
            <li key={id} class={`member ${state}`} aria-label={`${name(id)}, ${state}`}>
              <Avatar name={name(id)} colour={known.get(id)?.colour} src={avatar(id)} />
              <span class="member-name">{name(id)}</span>
              <RoleBadge role={roleOf(roles, id)} />
              {room.isBlocked(id) && <span class="member-badge blocked">Blocked</span>}
              <span class="member-state">{state}</span>
              <span class="member-links">
                <button type="button" class="link-button" onClick={() => setVerify(id)}>
                  Verify safety number
                </button>
                <MemberActions
                  members={room}
                  clientId={id}
                  name={name(id)}
                  mayRemove={mayRemove(roles, room.me, id)}
                  roleAction={roleAction(roles, room.me, id)}
                  canBan={roles !== undefined}
                />
              </span>
            </li>
          ))}
        </ul>
      )}
      {verify && (
        <SafetyNumberDialog
          room={room}
          clientId={verify}
          name={name(verify)}
          onClose={() => setVerify(undefined)}
        />
      )}
    </div>
  );
}

/** "Owner" or "Admin" after a name; nothing for plain members. */
function RoleBadge(props: { role: Role }) {
  if (props.role === 'member') return null;
  return (
    <span class={`member-badge ${props.role}`}>{props.role === 'owner' ? 'Owner' : 'Admin'}</span>
  );
}
