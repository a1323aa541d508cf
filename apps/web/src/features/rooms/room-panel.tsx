import { buildRoomUrl, type RoomAddress } from '@yam/protocol';
import { useState } from 'preact/hooks';
import { Panel } from '../../app/panel.tsx';

/** The cog panel: the Room URL to share, with a Copy button. */
export function RoomPanel(props: { address: RoomAddress; onClose(): void }) {
  const { address } = props;
  const url = buildRoomUrl(address.server, address.room, address.name);
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      // Clipboard refused (permissions, insecure origin): the text is selectable instead.
      setCopied('failed');
    }
  }

  return (
    <Panel title="Room" side="right" onClose={props.onClose}>
      <div class="panel-body">
        <label class="field">
          <span>Room URL</span>
          <input
            type="text"
            readOnly
            value={url}
            onFocus={(e) => (e.target as HTMLInputElement).select()}
          />
        </label>
        <div class="row-end">
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
          <button type="button" class="button primary" onClick={() => void copy()}>
            Copy
          </button>
        </div>
        <p class="hint">
          Anyone with this URL can join the room. Send it only to people you invite.
        </p>
      </div>
    </Panel>
  );
}
