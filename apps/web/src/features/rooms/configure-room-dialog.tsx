import { useId, useState } from 'preact/hooks';
import { copyText } from '../../platform/clipboard.ts';
import type { NotificationSettings } from '../../session/notification-settings.ts';
import { type RoomEntry, roomUrlOf } from '../../session/room-entry.ts';
import { checkRoomName, MAX_ROOM_NAME } from '../../session/room-input.ts';
import type { RoomList } from '../../session/room-list.ts';
import type { MembershipSource, MembersSource } from '../../session/room-ports.ts';
import { FormMessage } from '../../ui/form-message.tsx';
import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { QrCode } from '../../ui/qr-code.tsx';
import { InviteLinkField } from './invite-link-field.tsx';
import { NotifyMeField } from './notify-me-field.tsx';
import './configure-room-dialog.css';

type Props = {
  rooms: RoomList;
  entry: RoomEntry;
  /** The room's group on its server, when its session is open. */
  group: (MembersSource & MembershipSource) | undefined;
  notifications: NotificationSettings;
  onRenamed(): void;
  onRemoved(): void;
  onClose(): void;
};

/** The cog's "Configure room": rename, share the Room URL (copy, QR code), remove. */
export function ConfigureRoomDialog(props: Props) {
  const { entry } = props;
  const [name, setName] = useState(entry.name);
  const [nameError, setNameError] = useState<string | undefined>(undefined);
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const [confirming, setConfirming] = useState(false);
  const [member, setMember] = useState(false);
  const messageId = useId();
  const urlId = useId();
  // The URL follows the saved name, which follows every valid keystroke.
  const url = roomUrlOf(entry);
  const secure = props.group;

  async function rename(text: string) {
    setName(text);
    setCopied('no');
    const checked = checkRoomName(text);
    if (!checked.ok) return setNameError(checked.message);
    setNameError(undefined);
    await props.rooms.rename(entry.key, checked.value);
    props.onRenamed();
  }

  async function copy() {
    try {
      await copyText(url);
      setCopied('yes');
    } catch {
      // Clipboard refused (permissions, insecure origin): the text is selectable instead.
      setCopied('failed');
    }
  }

  return (
    <ModalDialog title="Configure room" onClose={props.onClose}>
      <label class="field">
        <span>Room name</span>
        <input
          type="text"
          maxLength={MAX_ROOM_NAME}
          value={name}
          aria-invalid={nameError !== undefined}
          aria-describedby={messageId}
          onInput={(e) => void rename((e.target as HTMLInputElement).value)}
        />
      </label>
      <FormMessage id={messageId} error={nameError} />
      <div class="field">
        <label for={urlId}>Room URL</label>
        <div class="copy-row">
          <input
            id={urlId}
            type="text"
            readOnly
            value={url}
            onFocus={(e) => (e.target as HTMLInputElement).select()}
          />
          <button type="button" class="button primary" onClick={() => void copy()}>
            Copy
          </button>
        </div>
        {copied === 'yes' && (
          <span class="saved-note" role="status">
            Copied
          </span>
        )}
        {copied === 'failed' && (
          <span class="saved-note warn" role="status">
            Copy blocked: select the URL and copy it by hand
          </span>
        )}
        <p class="hint">People who open this link ask to join; a member lets them in.</p>
      </div>
      {secure && <InviteLinkField invites={secure} roomUrl={url} />}
      <NotifyMeField settings={props.notifications} roomKey={entry.key} />
      <div class="qr-frame">
        <QrCode text={url} label="QR code of the Room URL" />
        <p class="hint">Scan with a phone to open the room there.</p>
      </div>
      <div class="danger-zone">
        {confirming ? (
          <div class="confirm" role="alert">
            <p>
              Remove “{entry.name}” from this device’s list?{' '}
              {member
                ? 'You will leave the room: to come back, a member must let you in again.'
                : 'You can add it again with its Room URL.'}
            </p>
            <div class="row-end">
              <button type="button" class="button" onClick={() => setConfirming(false)}>
                Keep room
              </button>
              <button
                type="button"
                class="button danger"
                onClick={async () => {
                  // A member leaves the MLS group too: another member's client commits
                  // its Remove. Failing that, the room still leaves the list.
                  if (secure && member) {
                    await secure.leaveGroup().catch(() => undefined);
                  }
                  await props.rooms.remove(entry.key);
                  props.onRemoved();
                }}
              >
                Yes, remove
              </button>
            </div>
          </div>
        ) : (
          <button
            type="button"
            class="button danger"
            onClick={async () => {
              setMember(secure ? (await secure.status()) === 'member' : false);
              setConfirming(true);
            }}
          >
            Remove room
          </button>
        )}
      </div>
    </ModalDialog>
  );
}
