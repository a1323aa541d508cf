import { inviteLink } from '@yam/client';
import { useId, useState } from 'preact/hooks';
import type { MembersSource } from '../../session/room-ports.ts';

/**
 * "Invite link": a one-time key made on this device, in the link's fragment (never sent to
 * any server). Whoever opens it is let in by this device while it is online.
 */
export function InviteLinkField(props: {
  invites: Pick<MembersSource, 'createInvite'>;
  roomUrl: string;
}) {
  const [link, setLink] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const id = useId();
  const make = async () => {
    setError(undefined);
    try {
      const key = await props.invites.createInvite();
      setLink(inviteLink(withNameInFragment(props.roomUrl), key) + nameFragment(props.roomUrl));
    } catch (e) {
      setError(`No invite link: ${(e as Error).message}`);
    }
  };
  return (
    <div class="field">
      <label for={id}>Invite link</label>
      <div class="copy-row">
        <input
          id={id}
          type="text"
          readOnly
          value={link ?? ''}
          placeholder="A one-time link that lets one person in"
          onFocus={(e) => (e.target as HTMLInputElement).select()}
        />
        <button type="button" class="button" onClick={() => void make()}>
          {link ? 'New link' : 'Create invite link'}
        </button>
      </div>
      {error && (
        <span class="saved-note warn" role="status">
          {error}
        </span>
      )}
      <p class="hint">
        Anyone with this link joins at once; it works once. The key is after the “#”, so the server
        never sees it; the room name travels there too.
      </p>
    </div>
  );
}

/** The Room URL without `&name=`: the name moves into the fragment, away from the server. */
function withNameInFragment(roomUrl: string): string {
  const url = new URL(roomUrl);
  url.searchParams.delete('name');
  return url.toString();
}

function nameFragment(roomUrl: string): string {
  const name = new URL(roomUrl).searchParams.get('name');
  return name ? `&name=${encodeURIComponent(name)}` : '';
}
